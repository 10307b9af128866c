package io.capstan.provider.plugin;

import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs a plugin's own calls (the provider service) on threads of a pool with one hand-off per
 * call, while the server delivers every call event on its network thread (it is built with a
 * direct executor).
 *
 * <p>With gRPC's default executor each event of a call is a task of its own: method lookup,
 * call start, the request message, the half-close, completion; each found the call's queue idle
 * (the network thread delivers them a frame at a time) and so woke a pool thread, about five
 * thread hand-offs per unary call. Here the events before the half-close of a call whose client
 * sends one message (unary and server-streaming calls: every provider call) are only queued, the
 * half-close hands them to one pool thread together, and the completion runs on the network thread
 * when the call's queue is idle. Events of calls whose client streams are handed off as they come.
 * A call's events still run one at a time and in order, each in the call's gRPC context, and
 * provider code never runs on the network thread (it may block: time_sleep sleeps in its create).
 */
final class OffloadedCalls {
    private OffloadedCalls() {
    }

    /** {@code service} with each method's events run as described above, on {@code pool}. */
    static ServerServiceDefinition wrap(ServerServiceDefinition service, Executor pool) {
        ServerServiceDefinition.Builder b = ServerServiceDefinition.builder(service.getServiceDescriptor());
        for (ServerMethodDefinition<?, ?> m : service.getMethods()) {
            b.addMethod(wrap(m, pool));
        }
        return b.build();
    }

    private static <Q, R> ServerMethodDefinition<Q, R> wrap(ServerMethodDefinition<Q, R> method, Executor pool) {
        boolean oneRequest = method.getMethodDescriptor().getType().clientSendsOneMessage();
        ServerCallHandler<Q, R> inner = method.getServerCallHandler();
        return method.withServerCallHandler((call, headers) -> {
            Relay<Q> relay = new Relay<>(call, pool, oneRequest);
            // starting the call (gRPC's stubs: ask for the request message) is cheap and runs here
            relay.inner = inner.startCall(call, headers);
            return relay;
        });
    }

    /** How an event reaches the call's own listener. */
    private enum Mode {
        /** Queued for the next run of the call's queue (an event the half-close will follow). */
        HOLD,
        /** Queued, and the queue run on a pool thread if it is idle. */
        HAND_OFF,
        /** Queued, and the queue run on this (network) thread if it is idle: nothing after it blocks. */
        HERE
    }

    /** One call's events, run one at a time in arrival order. */
    private static final class Relay<Q> extends ServerCall.Listener<Q> {
        private final ServerCall<Q, ?> call;
        private final Executor pool;
        private final boolean oneRequest;
        private ServerCall.Listener<Q> inner;
        /** Guarded by itself: events not yet run. */
        private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
        /** Guarded by queue: a thread is running the queue. */
        private boolean running;

        Relay(ServerCall<Q, ?> call, Executor pool, boolean oneRequest) {
            this.call = call;
            this.pool = pool;
            this.oneRequest = oneRequest;
        }

        @Override
        public void onMessage(Q message) {
            add(() -> inner.onMessage(message), oneRequest ? Mode.HOLD : Mode.HAND_OFF);
        }

        @Override
        public void onReady() {
            add(() -> inner.onReady(), oneRequest ? Mode.HOLD : Mode.HAND_OFF);
        }

        @Override
        public void onHalfClose() {
            add(() -> inner.onHalfClose(), Mode.HAND_OFF);
        }

        @Override
        public void onCancel() {
            add(() -> inner.onCancel(), Mode.HAND_OFF);
        }

        @Override
        public void onComplete() {
            add(() -> inner.onComplete(), Mode.HERE);
        }

        private void add(Runnable event, Mode mode) {
            Runnable inContext = Context.current().wrap(event);
            synchronized (queue) {
                queue.add(inContext);
                if (running || mode == Mode.HOLD) {
                    return;
                }
                running = true;
            }
            if (mode == Mode.HERE) {
                drain();
                return;
            }
            try {
                pool.execute(this::drain);
            } catch (RejectedExecutionException stopping) {
                drain(); // the server is stopping: what is left runs here rather than never
            }
        }

        private void drain() {
            while (true) {
                Runnable next;
                synchronized (queue) {
                    next = queue.poll();
                    if (next == null) {
                        running = false;
                        return;
                    }
                }
                try {
                    next.run();
                } catch (RuntimeException | Error e) {
                    // as gRPC's own executor path: the call ends with an application error
                    try {
                        call.close(Status.UNKNOWN.withDescription("Application error processing RPC").withCause(e),
                                new Metadata());
                    } catch (IllegalStateException alreadyClosed) {
                        // the call had already answered
                    }
                }
            }
        }
    }
}
