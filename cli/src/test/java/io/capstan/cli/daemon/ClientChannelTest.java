package io.capstan.cli.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What a client's messages do to the run: Ctrl-C reaches the run's handler; with none installed
 * it ends the run with 130 as SIGINT ends a JVM run; a client that goes away is an interrupt kept
 * for a handler installed later, and ends nothing by itself.
 */
class ClientChannelTest {
    private final PipedOutputStream client = new PipedOutputStream();
    private final BlockingQueue<Integer> halts = new LinkedBlockingQueue<>();
    private final ClientChannel channel;

    ClientChannelTest() throws IOException {
        channel = new ClientChannel(new PipedInputStream(client, 1 << 16), new ByteArrayOutputStream(), halts::add);
    }

    private void send(String s) throws IOException {
        client.write(s.getBytes(StandardCharsets.US_ASCII));
        client.flush();
    }

    @Test
    void ctrlCWithNoHandlerEndsTheRunWith130() throws Exception {
        channel.start();
        send("i\n");
        assertThat(halts.poll(60, TimeUnit.SECONDS)).isEqualTo(130);
    }

    @Test
    void ctrlCWithAHandlerGoesToIt() throws Exception {
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        channel.handle(() -> seen.add("interrupt"));
        channel.start();
        send("i\n");
        assertThat(seen.poll(60, TimeUnit.SECONDS)).isEqualTo("interrupt");
        // the line after it is read only once the interrupt was handled: no halt came before it
        send("l 3\nab\n");
        byte[] line = new byte[3];
        assertThat(channel.input().read(line)).isEqualTo(3);
        assertThat(halts).isEmpty();
    }

    @Test
    void aClientThatGoesAwayIsAnInterruptForALaterHandlerAndHaltsNothing() throws Exception {
        channel.start();
        client.close();
        assertThat(channel.input().read()).as("its input ends").isEqualTo(-1);
        AtomicInteger delivered = new AtomicInteger();
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        // the reader ends the input before it records the interrupt: wait until a handler gets it
        long t0 = System.nanoTime();
        while (delivered.get() == 0 && System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(60)) {
            channel.handle(() -> {
                delivered.incrementAndGet();
                seen.add("interrupt");
            });
            channel.handle(null);
            if (delivered.get() == 0) {
                Thread.sleep(10);
            }
        }
        assertThat(seen.poll()).isEqualTo("interrupt");
        assertThat(halts).isEmpty();
    }
}
