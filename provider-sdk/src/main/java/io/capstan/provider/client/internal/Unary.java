package io.capstan.provider.client.internal;

import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;

/**
 * Waits for a unary call made with a future stub whose events run on the connection's network
 * thread ({@link #DIRECT}), so the calling thread wakes once, when the answer is complete.
 *
 * <p>gRPC's blocking stub instead queues each event of the answer (headers, the message, the
 * trailers) for the calling thread and wakes it for each: with a hundred calls in flight
 * (bench/executor.sh, -parallelism=100) that is a hundred threads woken two or three times per
 * answer. What runs on the network thread here is short: decoding the answer's message and
 * completing the future.
 *
 * <p>Failures are the blocking stub's: a failed call throws its {@link StatusRuntimeException},
 * and an interrupted wait cancels the call and throws {@code CANCELLED} ("Thread interrupted")
 * with the thread's interrupt status set again.
 */
final class Unary {
    /** The executor for the stubs' call events: the network thread that delivers them. */
    static final Executor DIRECT = Runnable::run;

    private Unary() {
    }

    static <T> T get(Future<T> answer) {
        try {
            return answer.get();
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw Status.CANCELLED.withDescription("Thread interrupted").withCause(e).asRuntimeException();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof StatusRuntimeException s) {
                throw s;
            }
            if (cause instanceof StatusException s) {
                throw new StatusRuntimeException(s.getStatus(), s.getTrailers());
            }
            throw Status.fromThrowable(cause).asRuntimeException();
        }
    }
}
