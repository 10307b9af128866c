package io.capstan.engine.walk;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Chaos mode for {@link ParallelWalker}, for tests: ready nodes start in a random order and each
 * node's action is delayed by a random pause of up to {@code maxDelayMicros}, so a missing
 * dependency edge (a node evaluating something it has no edge to) fails instead of passing by
 * luck of scheduling. {@code seed} picks the draws; thread timing still varies between runs, so a
 * seed makes a run likely, not certain, to repeat. Off (null) by default, where it costs nothing;
 * {@link #fromSystemProperty()} reads {@code -Dcapstan.walk.chaos=SEED} once per JVM, so a whole
 * test suite can be run under chaos without changing a test.
 */
public record WalkChaos(long seed, int maxDelayMicros) {
    /** The property that turns chaos on for every engine of the JVM, e.g. {@code -Dcapstan.walk.chaos=7}. */
    public static final String PROPERTY = "capstan.walk.chaos";
    private static final WalkChaos FROM_PROPERTY = parse(System.getProperty(PROPERTY));

    public WalkChaos {
        if (maxDelayMicros < 0) {
            throw new IllegalArgumentException("maxDelayMicros must not be negative");
        }
    }

    /** Chaos with the given seed and pauses of up to 1 ms. */
    public static WalkChaos seed(long seed) {
        return new WalkChaos(seed, 1000);
    }

    /** The chaos {@code -Dcapstan.walk.chaos=SEED[:MAXMICROS]} asked for when the JVM started, or null. */
    public static WalkChaos fromSystemProperty() {
        return FROM_PROPERTY;
    }

    static WalkChaos parse(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String[] p = s.trim().split(":", 2);
        return new WalkChaos(Long.parseLong(p[0]), p.length > 1 ? Integer.parseInt(p[1]) : 1000);
    }

    /** The random source of one walk: draws are shared by the walk's threads. */
    Draws draws() {
        return new Draws(new SplittableRandom(seed), maxDelayMicros);
    }

    /** One walk's draws; thread-safe. */
    static final class Draws {
        private final SplittableRandom random;
        private final int maxDelayMicros;

        private Draws(SplittableRandom random, int maxDelayMicros) {
            this.random = random;
            this.maxDelayMicros = maxDelayMicros;
        }

        synchronized long nextLong() {
            return random.nextLong();
        }

        /** Shuffles {@code l} in place. */
        synchronized <T> void shuffle(List<T> l) {
            for (int i = l.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                T t = l.get(i);
                l.set(i, l.get(j));
                l.set(j, t);
            }
        }

        /** Sleeps a random time up to the maximum (sometimes not at all, so fast paths get exercised too). */
        void pause() {
            long micros;
            synchronized (this) {
                micros = maxDelayMicros == 0 || random.nextInt(4) == 0 ? 0 : random.nextInt(maxDelayMicros + 1);
            }
            if (micros > 0) {
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(micros));
            } else {
                Thread.yield();
            }
        }
    }
}
