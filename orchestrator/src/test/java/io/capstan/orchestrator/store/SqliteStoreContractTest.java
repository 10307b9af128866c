package io.capstan.orchestrator.store;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on the embedded SQLite store. */
class SqliteStoreContractTest extends StoreContract {
    @TempDir
    Path dir;
    private SqliteStore store;

    @Override
    Store store() {
        try {
            store = SqliteStore.open(dir.resolve("s.db"), k -> k.startsWith("/Secret/"), SecretBox.open(dir.resolve("key")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return store;
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }
}
