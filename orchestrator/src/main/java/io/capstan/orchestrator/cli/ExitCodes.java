package io.capstan.orchestrator.cli;

import io.grpc.Status;

/** The exit codes of {@code capstan orchestrator} client verbs, documented in the module README. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int ERROR = 1;
    public static final int USAGE = 2;
    public static final int NOT_FOUND = 3;
    public static final int CONFLICT = 4;
    public static final int DENIED = 5;
    public static final int UNAVAILABLE = 6;
    /** {@code rollout status}: the rollout failed or was rolled back. */
    public static final int ROLLOUT_FAILED = 7;

    private ExitCodes() {
    }

    public static int of(Status.Code code) {
        return switch (code) {
            case OK -> OK;
            case NOT_FOUND -> NOT_FOUND;
            case ABORTED, ALREADY_EXISTS -> CONFLICT;
            case UNAUTHENTICATED, PERMISSION_DENIED -> DENIED;
            case UNAVAILABLE, DEADLINE_EXCEEDED -> UNAVAILABLE;
            case INVALID_ARGUMENT -> USAGE;
            default -> ERROR;
        };
    }
}
