package io.capstan.orchestrator.agent;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The processes a previous agent of this node started, found from their {@link ProcessRecord}s
 * when the agent starts: a live one waits to be claimed by the instance it belongs to and is
 * then adopted (kept running, checks and supervision resumed); a dead one tells its instance
 * that it exited while no agent was watching, so the restart policy decides what happens next.
 * After the first sync, a live process no instance bound here claimed is stopped with its
 * process group (its instance was deleted or moved while the agent was down).
 */
final class ProcessAdoption {
    private final Path dataDir;
    private final Map<String, ProcessRecord> records = new ConcurrentHashMap<>();

    private ProcessAdoption(Path dataDir) {
        this.dataDir = dataDir;
    }

    static ProcessAdoption scan(Path dataDir) {
        ProcessAdoption a = new ProcessAdoption(dataDir);
        a.records.putAll(ProcessRecord.loadAll(dataDir));
        return a;
    }

    /** The record left for instance {@code namespace/name} (alive or not), taken out of the set; null when there is none. */
    ProcessRecord claim(String instance) {
        return records.remove(instance);
    }

    /** After the first sync: what no instance bound here claimed belongs to nothing any more. */
    void removeUnclaimed() {
        for (var e : new HashMap<>(records).entrySet()) {
            records.remove(e.getKey());
            ProcessRecord r = e.getValue();
            if (r.alive()) {
                ProcessWorkload.adopt(r).stop(5000);
            }
            ProcessRecord.delete(dataDir, r.namespace(), r.name());
        }
    }
}
