package io.capstan.orchestrator.store;

import java.util.List;
import java.util.Map;

/** Outcome of a multi-key compare-and-set ({@link Store#txn}): every put applied in one durable commit, or none. */
public sealed interface TxnResult {
    /** All puts are durable; {@code applied} is in the order of the request. */
    record Committed(List<WriteResult.Applied> applied) implements TxnResult {
        public Committed {
            applied = List.copyOf(applied);
        }
    }

    /** Nothing was written: these keys' modification revisions (0 = absent) did not match what was expected. */
    record Conflicted(Map<String, Long> actual) implements TxnResult {
        public Conflicted {
            actual = Map.copyOf(actual);
        }
    }
}
