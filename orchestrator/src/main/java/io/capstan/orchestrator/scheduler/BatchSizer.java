package io.capstan.orchestrator.scheduler;

/**
 * How many placements the {@link Binder} asks for next, from how the last batch went. One commit
 * should take about {@link #TARGET_COMMIT_NANOS} (so an attempt waits about that long), but
 * throughput comes first: a full batch placed and committed slower than {@link #MIN_RATE_PER_SECOND}
 * grows by a quarter whatever its commit took, so a slow disk or a busy CPU makes commits bigger
 * rather than the backlog longer. Otherwise a full batch whose commit took over the target shrinks
 * the batch by a quarter (not below {@code min}) and one well under it grows it by an eighth (up
 * to {@code max}). A partial batch (nothing more was pending) changes nothing.
 */
record BatchSizer(int min, int max) {
    /** A commit should take about this long. */
    static final long TARGET_COMMIT_NANOS = 2_000_000L;
    /** Full batches must keep at least this pace: four times the goal of 1,000 placements/s. */
    static final double MIN_RATE_PER_SECOND = 4_000;

    BatchSizer {
        if (min < 1 || max < min) {
            throw new IllegalArgumentException("batch sizes must satisfy 1 <= min <= max");
        }
    }

    /**
     * @param current     the batch size asked for when this batch was placed
     * @param size        how many bindings the batch held (fewer than {@code current}: nothing more was pending)
     * @param commitNanos its store commit
     * @param cycleNanos  its first placement's start to its commit's end
     */
    int next(int current, int size, long commitNanos, long cycleNanos) {
        if (size < current) {
            // nothing more was pending: the commit's time says little about a full batch, and
            // shrinking on it would leave the next burst too little room
            return current;
        }
        if (size * 1e9 / Math.max(1, cycleNanos) < MIN_RATE_PER_SECOND) {
            return Math.min(max, current + Math.max(1, current / 4));
        }
        if (commitNanos > TARGET_COMMIT_NANOS) {
            return Math.max(min, current * 3 / 4);
        }
        if (commitNanos < TARGET_COMMIT_NANOS * 3 / 4) {
            return Math.min(max, current + Math.max(1, current / 8));
        }
        return current;
    }
}
