package io.capstan.orchestrator.store;

import java.util.List;

/** The keys under a prefix, all as of one store revision. */
public record Range(List<KeyValue> items, long revision) {
}
