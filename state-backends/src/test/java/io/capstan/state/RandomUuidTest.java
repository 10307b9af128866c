package io.capstan.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class RandomUuidTest {

    @Test
    void uuidsAreVersion4InCanonicalFormAndDistinctAcrossManyBlocks() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 5_000; i++) { // about 20 reads of the random source
            String s = RandomUuid.next();
            assertTrue(s.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), s);
            UUID u = UUID.fromString(s);
            assertEquals(4, u.version(), s);
            assertEquals(2, u.variant(), s);
            assertTrue(seen.add(s), "repeated " + s);
        }
    }

    @Test
    void concurrentCallersNeverGetTheSameUuid() throws InterruptedException {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        int threads = 8;
        int each = 1_000;
        CountDownLatch start = new CountDownLatch(1);
        Thread[] ts = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            ts[t] = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < each; i++) {
                    seen.add(RandomUuid.next());
                }
            });
            ts[t].start();
        }
        start.countDown();
        for (Thread t : ts) {
            t.join();
        }
        assertEquals(threads * each, seen.size());
    }
}
