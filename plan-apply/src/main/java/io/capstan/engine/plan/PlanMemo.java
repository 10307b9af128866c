package io.capstan.engine.plan;

import io.capstan.provider.client.PlanResourceChangeRequest;
import io.capstan.provider.client.PlanResourceChangeResponse;
import io.capstan.provider.client.ProviderClient;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * PlanResourceChange answers of a plan, kept for the apply that follows it in the same process
 * ({@code capstan apply} without a plan file). Applying, each instance is planned again with what
 * is known by then; where that request is byte for byte the one the plan sent, to the same
 * provider instance, the plan's answer is reused instead of asking again: the provider's plan is
 * a function of its request (the protocol forbids side effects there, and Terraform rejects a
 * final plan inconsistent with the first). An apply of 1,000 new resources so makes 2,000
 * provider calls instead of 3,000, and each layer of a dependency chain waits for one round trip
 * fewer. Only answers without diagnostics are kept, so warnings are reported as before.
 */
final class PlanMemo {
    private record Entry(ProviderClient client, PlanResourceChangeRequest request, PlanResourceChangeResponse response) {
    }

    private final Map<String, List<Entry>> byAddress = new ConcurrentHashMap<>();

    /** Keeps {@code response} (a planning run's answer) for instance {@code addr}. */
    void remember(String addr, ProviderClient client, PlanResourceChangeRequest request,
                  PlanResourceChangeResponse response) {
        if (!response.diagnostics().isEmpty() || response.deferred() != null) {
            return;
        }
        byAddress.computeIfAbsent(addr, k -> new CopyOnWriteArrayList<>()).add(new Entry(client, request, response));
    }

    /** The kept answer to exactly this request to this provider instance, or null. */
    PlanResourceChangeResponse reuse(String addr, ProviderClient client, PlanResourceChangeRequest request) {
        List<Entry> entries = byAddress.get(addr);
        if (entries == null) {
            return null;
        }
        for (Entry e : entries) {
            if (e.client() == client && same(e.request(), request)) {
                return e.response();
            }
        }
        return null;
    }

    void clear() {
        byAddress.clear();
    }

    /** The number of instance addresses with a kept answer. */
    int size() {
        return byAddress.size();
    }

    private static boolean same(PlanResourceChangeRequest a, PlanResourceChangeRequest b) {
        return a.typeName().equals(b.typeName()) && Objects.equals(a.priorState(), b.priorState())
                && Objects.equals(a.proposedNewState(), b.proposedNewState()) && Objects.equals(a.config(), b.config())
                && Arrays.equals(a.priorPrivate(), b.priorPrivate()) && Objects.equals(a.providerMeta(), b.providerMeta())
                && Objects.equals(a.clientCapabilities(), b.clientCapabilities())
                && Objects.equals(a.priorIdentity(), b.priorIdentity());
    }
}
