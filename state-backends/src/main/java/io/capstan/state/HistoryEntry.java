package io.capstan.state;

import java.time.Instant;

/**
 * One kept version of a workspace's state, as {@code capstan state history} lists it.
 *
 * @param who the writer ({@code user@host}) as the backend recorded it
 * @param size bytes of the stored snapshot
 */
public record HistoryEntry(long serial, String lineage, Instant time, String who, int resources, long size) {}
