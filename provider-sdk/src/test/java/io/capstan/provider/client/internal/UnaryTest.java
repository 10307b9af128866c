package io.capstan.provider.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Waiting for a unary call's future fails as gRPC's blocking stub does. */
class UnaryTest {

    @Test
    void anAnswerIsReturnedAndAFailedCallThrowsItsStatus() {
        assertThat(Unary.get(CompletableFuture.completedFuture("answer"))).isEqualTo("answer");
        StatusRuntimeException deadline = Status.DEADLINE_EXCEEDED.withDescription("late").asRuntimeException();
        assertThatThrownBy(() -> Unary.get(CompletableFuture.failedFuture(deadline))).isSameAs(deadline);
        Metadata trailers = new Metadata();
        assertThatThrownBy(() -> Unary.get(CompletableFuture.failedFuture(
                Status.UNAVAILABLE.withDescription("gone").asException(trailers))))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
                    assertThat(e.getStatus().getDescription()).isEqualTo("gone");
                    assertThat(e.getTrailers()).isSameAs(trailers);
                });
        assertThatThrownBy(() -> Unary.get(CompletableFuture.failedFuture(new IllegalStateException("bug"))))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNKNOWN));
    }

    @Test
    void anInterruptedWaitCancelsTheCallAndKeepsTheInterrupt() {
        CompletableFuture<String> pending = new CompletableFuture<>();
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> Unary.get(pending)).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.CANCELLED);
                assertThat(e.getStatus().getDescription()).isEqualTo("Thread interrupted");
            });
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
            assertThat(pending.isCancelled()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
