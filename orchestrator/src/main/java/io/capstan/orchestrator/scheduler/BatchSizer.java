package io.capstan.orchestrator.scheduler;

/**
 * How many placements the {@link Binder} asks for next, from how the last batch went. One commit
 * should take about {@link #TARGET_COMMIT_NANOS} (so an attempt waits about that long), but
 * throughput comes first: a full batch placed and committed slower than {@link #MIN_RATE_PER_SECOND}
 * grows by a quarter whatever its commit took, so a slow disk or a busy CPU makes commits bigger
 * rather than the backlog longer. Otherwise a commit over the target shrinks the batch by a quarter
 * (not below {@code min}) and a full batch well under it grows by an eighth (up to {@code max}).
 */
record BatchSizer(int min, int max) {
    /** A commit should take about this long. */
    static final long TARGET_COMMIT_NANOS = 4_000_000L;
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
        boolean full = size >= current;
        if (full && size * 1e9 / Math.max(1, cycleNanos) < MIN_RATE_PER_SECOND) {
            return Math.min(max, current + Math.max(1, current / 4));
        }
        if (commitNanos > TARGET_COMMIT_NANOS) {
            return Math.max(min, Math.min(current, size) * 3 / 4);
        }
        if (full && commitNanos < TARGET_COMMIT_NANOS * 3 / 4) {
            return Math.min(max, current + Math.max(1, current / 8));
        }
        return current;
    }
}
