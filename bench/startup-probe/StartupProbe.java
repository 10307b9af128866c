import java.io.PrintWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;

/**
 * Where one CLI run's one-time set-up goes: the main thread's CPU time of each phase called for
 * the first and for the second time in one JVM (the difference is one-time set-up: class
 * loading, static initialisers, lambda and method-handle linking), and the process CPU spent
 * before main. Run by bench/startup-probe.sh; the phases are the public entry points the CLI
 * itself calls.
 */
public final class StartupProbe {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    interface Step {
        void run() throws Exception;
    }

    private static void time(String label, Step step) throws Exception {
        long cpu = THREADS.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        step.run();
        System.out.printf("%-34s thread CPU %7.1f ms   wall %7.1f ms%n", label,
                (THREADS.getCurrentThreadCpuTime() - cpu) / 1e6, (System.nanoTime() - wall) / 1e6);
    }

    public static void main(String[] args) throws Exception {
        long beforeMain = ProcessHandle.current().info().totalCpuDuration().map(d -> d.toMillis()).orElse(-1L);
        System.out.println("process CPU before main (10 ms ticks): " + beforeMain + " ms");
        Path dir = Path.of(args[0]).toAbsolutePath();
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        for (int i = 1; i <= 2; i++) {
            time("FunctionRegistry.standard #" + i, () -> io.capstan.hcl.function.FunctionRegistry.standard().get("length"));
        }
        for (int i = 1; i <= 2; i++) {
            time("ConfigLoader.load #" + i, () -> io.capstan.graph.config.ConfigLoader.load(dir));
        }
        for (int i = 1; i <= 2; i++) {
            time("Validation.validate #" + i, () -> io.capstan.graph.validate.Validation.validate(dir));
        }
        for (int i = 1; i <= 2; i++) {
            time("Main.run validate #" + i, () -> io.capstan.cli.Main.run(new String[] {"validate", dir.toString()}, sink, sink));
        }
        for (int i = 1; i <= 2; i++) {
            time("Main.run plan -refresh=false #" + i, () -> io.capstan.cli.Main.run(
                    new String[] {"-chdir=" + dir, "plan", "-refresh=false", "-no-color", "-lock=false"}, sink, sink));
        }
        time("Main.run version", () -> io.capstan.cli.Main.run(new String[] {"version"}, sink, sink));
    }
}
