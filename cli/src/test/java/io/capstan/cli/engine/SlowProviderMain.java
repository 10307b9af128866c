package io.capstan.cli.engine;

import io.capstan.provider.sdk.AttributeSpec;
import io.capstan.provider.sdk.Diagnostics;
import io.capstan.provider.sdk.ObjectData;
import io.capstan.provider.sdk.Provider;
import io.capstan.provider.sdk.ProviderMain;
import io.capstan.provider.sdk.Resource;
import io.capstan.provider.sdk.ResourceSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A test provider on the Java SDK ({@code capstan/slow}), run by the real terraform and by Capstan
 * from a filesystem mirror. Its one resource, {@code slow_file}, is a file at {@code path}: create
 * writes it, delete removes it, and a refresh (ReadResource) finds the object gone when the file
 * is. A refresh first touches {@code PATH.reading} and then waits {@code read_seconds}, so a test
 * can interrupt a plan while a provider call is in flight; StopProvider ends the wait with an error
 * as a real provider's cancelled API call would (unless {@code ignore_stop}: then the read runs its
 * full time, as a provider that cannot cancel a call does).
 */
public final class SlowProviderMain {
    private SlowProviderMain() {
    }

    public static void main(String[] args) {
        ProviderMain.serve(Provider.builder("slow").resource("slow_file", new SlowFile()).build());
    }

    static final class SlowFile implements Resource {
        private static final ResourceSchema SCHEMA = ResourceSchema.of(
                AttributeSpec.string("path").required().requiresReplace(),
                AttributeSpec.string("content").optional(),
                AttributeSpec.number("read_seconds").optional(),
                AttributeSpec.bool("ignore_stop").optional(),
                AttributeSpec.string("id").computed().useStateForUnknown());

        @Override
        public ResourceSchema schema() {
            return SCHEMA;
        }

        @Override
        public void create(ObjectData planned, Diagnostics diags) {
            write(Path.of(planned.getString("path")), planned.getString("content", ""));
            planned.set("id", planned.getString("path"));
        }

        @Override
        public void update(ObjectData prior, ObjectData planned, Diagnostics diags) {
            write(Path.of(planned.getString("path")), planned.getString("content", ""));
        }

        @Override
        public boolean read(ObjectData state, Diagnostics diags) {
            Path p = Path.of(state.getString("path"));
            long seconds = state.isNull("read_seconds") ? 0 : state.getLong("read_seconds", 0);
            if (seconds > 0) {
                write(Path.of(p + ".reading"), "");
                long end = System.nanoTime() + seconds * 1_000_000_000L;
                for (long left = seconds * 1000; left > 0; left = (end - System.nanoTime()) / 1_000_000) {
                    try {
                        Thread.sleep(left);
                    } catch (InterruptedException e) {
                        if (!state.getBool("ignore_stop", false)) {
                            diags.error("Read cancelled", "reading " + p + " was cancelled: the provider was asked to stop");
                            return true;
                        }
                    }
                }
            }
            return Files.exists(p);
        }

        @Override
        public void delete(ObjectData state, Diagnostics diags) {
            try {
                Files.deleteIfExists(Path.of(state.getString("path")));
            } catch (IOException e) {
                diags.error("Cannot delete", e.toString());
            }
        }

        private static void write(Path p, String content) {
            try {
                Files.writeString(p, content);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
