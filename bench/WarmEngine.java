import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

/**
 * Runs one CLI command N times in one JVM (a warm engine, as a resident server would run it) and
 * prints each run's wall and process CPU time (all threads: walker, GC, JIT). Before every run
 * the directory's state, backup and journal are removed, so each run does the same work (a plan
 * or apply from an empty state). Output goes through the same renderer into a discarding writer.
 *
 * <p>Usage (source launch, Java 17):
 * {@code java -XX:+UseSerialGC -Xmn16m -cp cli/target/capstan.jar bench/WarmEngine.java DIR N plan -no-color}.
 * Put {@code plan-apply/target/classes} before the jar on {@code -cp} to measure uninstalled changes.
 */
public final class WarmEngine {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]).toAbsolutePath();
        int runs = Integer.parseInt(args[1]);
        String[] command = Arrays.copyOfRange(args, 2, args.length);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long[] chars = {0};
        boolean show = System.getenv("WARM_SHOW") != null;
        Writer sink = new Writer() {
            @Override public void write(char[] cbuf, int off, int len) {
                chars[0] += len;
                if (show) System.out.print(new String(cbuf, off, len));
            }
            @Override public void flush() { }
            @Override public void close() { }
        };
        for (int i = 1; i <= runs; i++) {
            reset(dir);
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            int rc = io.capstan.cli.Main.runFor(dir, false, System.getenv(), command,
                    new PrintWriter(sink), new PrintWriter(System.err, true));
            long wall = System.nanoTime() - t0;
            long cpu = os.getProcessCpuTime() - cpu0;
            System.out.printf("run %2d rc=%d wall %6.3f s cpu %6.3f s output %d chars%n", i, rc, wall / 1e9,
                    cpu / 1e9, chars[0]);
            chars[0] = 0;
        }
    }

    private static void reset(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                if (name.startsWith("terraform.tfstate") || name.contains("journal") || name.endsWith(".tfplan")) {
                    Files.delete(p);
                }
            }
        }
    }
}
