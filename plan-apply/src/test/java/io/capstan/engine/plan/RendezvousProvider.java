package io.capstan.engine.plan;

import io.capstan.provider.sdk.AttributeSpec;
import io.capstan.provider.sdk.Diagnostics;
import io.capstan.provider.sdk.ObjectData;
import io.capstan.provider.sdk.Provider;
import io.capstan.provider.sdk.ProviderMain;
import io.capstan.provider.sdk.Resource;
import io.capstan.provider.sdk.ResourceSchema;
import io.capstan.provider.sdk.testing.ClassPathProviders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * A test provider, {@code capstan/rendezvous}, whose ReadResource proves that refreshes run side
 * by side without measuring time: a {@code rendezvous_object}'s read waits until {@code meet}
 * reads of this provider process have arrived (counted since it started), so reads made one at a
 * time never get past the first; that one gives up after {@link #GIVE_UP_SECONDS} with an error
 * saying so. Each read, once the meeting is complete, appends how many reads were in flight to
 * {@code reads.log} in the working directory. After the meeting a read answers as its object's
 * {@code outcome} says: {@code ok} (found unchanged), {@code gone} (deleted outside) or
 * {@code fail} (an error naming the object).
 */
public final class RendezvousProvider {
    /** How long a read waits for the others: far beyond any scheduling delay, only a failing test waits it out. */
    static final int GIVE_UP_SECONDS = 120;
    private static final Object LOCK = new Object();
    private static int arrived;
    private static int inFlight;

    private RendezvousProvider() {
    }

    public static void main(String[] args) {
        ProviderMain.serve(Provider.builder("rendezvous").resource("rendezvous_object", new Obj()).build());
    }

    /** Installs the provider's launcher (on this test class path) where {@code dir}'s runs find it without init. */
    static void install(Path dir) throws IOException {
        ClassPathProviders.install(dir.resolve(".terraform/providers"), "rendezvous", RendezvousProvider.class);
    }

    /** The in-flight counts {@code reads.log} recorded in {@code dir}, one a read. */
    static List<Integer> inFlight(Path dir) throws IOException {
        Path log = dir.resolve("reads.log");
        return !Files.exists(log) ? List.of() : Files.readAllLines(log).stream().map(Integer::parseInt).toList();
    }

    private static final class Obj implements Resource {
        private final ResourceSchema schema = ResourceSchema.of(
                AttributeSpec.string("name").required(),
                AttributeSpec.number("meet").required(),
                AttributeSpec.string("outcome").required(),
                AttributeSpec.string("id").computed().useStateForUnknown());

        @Override
        public ResourceSchema schema() {
            return schema;
        }

        @Override
        public void create(ObjectData planned, Diagnostics diags) {
            planned.set("id", planned.getString("name"));
        }

        @Override
        public boolean read(ObjectData state, Diagnostics diags) {
            String name = state.getString("name");
            long meet = state.getLong("meet");
            synchronized (LOCK) {
                arrived++;
                inFlight++;
                LOCK.notifyAll();
                try {
                    long giveUp = System.nanoTime() + GIVE_UP_SECONDS * 1_000_000_000L;
                    while (arrived < meet) {
                        long left = giveUp - System.nanoTime();
                        if (left <= 0) {
                            diags.error("Read alone", "The read of " + name + " waited for " + meet
                                    + " reads at once; " + arrived + " came.");
                            return true;
                        }
                        LOCK.wait(left / 1_000_000 + 1);
                    }
                    Files.writeString(Path.of("reads.log"), inFlight + "\n", StandardCharsets.UTF_8,
                            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    diags.error("Read interrupted", name);
                    return true;
                } catch (IOException e) {
                    diags.error("Cannot write reads.log", e.toString());
                    return true;
                } finally {
                    inFlight--;
                }
            }
            return switch (state.getString("outcome")) {
                case "gone" -> false;
                case "fail" -> {
                    diags.error("Cannot read the object", "The object " + name + " could not be read.");
                    yield true;
                }
                default -> true;
            };
        }
    }
}
