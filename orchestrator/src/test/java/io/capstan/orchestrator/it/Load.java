package io.capstan.orchestrator.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** A load generator: threads sending HTTP requests through service proxies, each on a new connection, counting failures. */
final class Load implements AutoCloseable {
    final AtomicLong ok = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final List<String> failures = new CopyOnWriteArrayList<>();
    final Map<String, Long> bodies = new ConcurrentHashMap<>();
    final AtomicBoolean stop = new AtomicBoolean();
    final List<Thread> threads = new ArrayList<>();
    final long started = System.nanoTime();

    Load(List<String> hosts, int port, int threadCount) {
        for (int t = 0; t < threadCount; t++) {
            String host = hosts.get(t % hosts.size());
            Thread th = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        String body = Specs.httpGet(host, port);
                        bodies.merge(body, 1L, Long::sum);
                        ok.incrementAndGet();
                    } catch (Exception e) {
                        failed.incrementAndGet();
                        if (failures.size() < 10) {
                            failures.add(host + ": " + e);
                        }
                    }
                }
            });
            th.setDaemon(true);
            th.start();
            threads.add(th);
        }
    }

    long total() {
        return ok.get() + failed.get();
    }

    double rate() {
        return total() / ((System.nanoTime() - started) / 1e9);
    }

    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        for (Thread t : threads) {
            t.join(10_000);
        }
    }
}
