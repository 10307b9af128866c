package io.capstan.cli;

import io.capstan.graph.config.ConfigLoader;
import io.capstan.graph.config.ModuleTree;
import io.capstan.cli.state.StateAccess;
import io.capstan.engine.state.InstanceState;
import io.capstan.engine.state.ResourceState;
import io.capstan.engine.state.StateFile;
import io.capstan.graph.graph.DestroyGraph;
import io.capstan.graph.graph.DotWriter;
import io.capstan.graph.graph.GraphBuilder;
import io.capstan.graph.graph.GraphType;
import io.capstan.graph.graph.ResourceGraph;
import io.capstan.hcl.diag.DiagnosticRenderer;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code capstan graph}: the dependency graph in Graphviz DOT, as {@code terraform graph}
 * prints it: resources only by default, or a whole operation graph with {@code -type}.
 * {@code -draw FILE.svg|png} renders it with Graphviz's {@code dot} when installed.
 */
@Command(name = "graph", description = "Generate a Graphviz graph of the steps in an operation")
public final class GraphCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--type", paramLabel = "TYPE", description = "Type of operation graph: plan, plan-refresh-only, plan-destroy, apply.")
    String type;

    @Option(names = "--draw", paramLabel = "FILE", description = "Render the graph to FILE.svg or FILE.png with Graphviz.")
    Path draw;

    @Option(names = "--no-color", description = "If specified, output won't contain any color.")
    boolean noColor;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean color = !noColor; // as terraform: on a terminal or not
        // no DIR argument: terraform 1.11.4's graph refuses one (PositionalErrors); -chdir names the directory
        Path root = Main.workingDirectory();
        // as terraform's graph: module calls as init recorded them ("Module not installed" otherwise),
        // files named by absolute path
        Result<ModuleTree> loaded = ConfigLoader.load(root,
                io.capstan.cli.backend.BackendSettings.dataDir(Main.workingDirectory()), true);
        io.capstan.hcl.diag.Diagnostic lockProblem = null;
        if (!loaded.hasErrors()) {
            WorkdirLocks locks = WorkdirLocks.of(root);
            lockProblem = locks.installed();
            if (lockProblem == null) {
                lockProblem = locks.inconsistency(loaded.value());
            }
        }
        if (lockProblem != null) {
            // as terraform's: after the configuration loads, its backend's start-up checks the lock file and
            // the installed plugins
            new io.capstan.cli.state.Terminal(out, err, !noColor).uiError(lockProblem.summary(), lockProblem.detail());
            return 1;
        }
        if (loaded.hasErrors()) {
            // terraform's backend step reads the root module alone first and stops at its errors, which name
            // the files as given; only later errors (modules) come from the load by absolute path
            Result<ModuleTree> early = ConfigLoader.loadRoot(root);
            if (early.hasErrors()) {
                loaded = early;
            }
        }
        DiagnosticRenderer r = new DiagnosticRenderer(new ConfigSources(loaded.value()), color,
                DiagnosticRenderer.DEFAULT_WIDTH);
        if (loaded.hasErrors()) {
            showDiagnostics(r, new Diagnostics().addAll(loaded.diagnostics()), err, color);
            return 1;
        }
        // the type is checked once the configuration loaded, as terraform's graph checks it
        GraphType gt = graphType(type);
        if (gt == null) {
            boolean gone = type.equals("eval") || type.equals("validate");
            Diagnostics d = new Diagnostics().add(gone
                    ? io.capstan.hcl.diag.Diagnostic.error("Graph type no longer available", "The graph type \""
                            + type + "\" is no longer available. Use -type=plan instead to get a similar result.", null)
                    : io.capstan.hcl.diag.Diagnostic.error("Unsupported graph type", "The -type=... argument must be "
                            + "either \"plan\", \"plan-refresh-only\", \"plan-destroy\", or \"apply\".", null));
            showDiagnostics(r, d, err, color);
            return 1;
        }
        // Only a cycle stops the graph: terraform's graph builders do not evaluate expressions, so a reference to
        // something undeclared (or a misplaced count or each) is no edge, not an error (validate reports those).
        // Warnings are not printed: they would upset a program reading the DOT text.
        // plan-destroy: terraform plans a destroy from the state (what exists); the configuration's plan graph
        // gives its outputs and its providers' configurations
        Result<ResourceGraph> built = GraphBuilder.build(loaded.value(),
                gt == GraphType.PLAN_DESTROY ? GraphType.PLAN : gt);
        ResourceGraph g = built.value();
        if (g == null) {
            showDiagnostics(r, new Diagnostics().addAll(built.diagnostics()), err, color);
            return 1;
        }
        String dot;
        if (gt == GraphType.VALIDATE) {
            dot = DotWriter.resources(g);
        } else if (gt == GraphType.APPLY) {
            // terraform's apply graph without a plan file: no changes, so nothing from the state
            dot = DotWriter.operation(g);
        } else {
            // terraform plans from the state too: plan-destroy from it alone, plan with its orphans
            List<DestroyGraph.StateObject> objects;
            try {
                objects = stateObjects(root);
            } catch (io.capstan.cli.backend.BackendException e) {
                new io.capstan.cli.state.Terminal(out, err, color).uiError(e.summary(), e.detail());
                return 1;
            }
            dot = gt == GraphType.PLAN_DESTROY ? DestroyGraph.draw(g, objects).write() : DotWriter.plan(g, objects);
        }
        if (draw != null) {
            // FILE as given is relative to the run's directory (-chdir's), as terraform's own paths are
            return render(dot, Main.workingDirectory().resolve(draw), err);
        }
        out.print(dot);
        out.flush();
        return 0;
    }

    /** The current objects of the selected workspace's state (none without a state), in state order. */
    private static List<DestroyGraph.StateObject> stateObjects(Path root) {
        Optional<StateFile> state;
        try (StateAccess access = StateAccess.open(root, null)) {
            state = access.read();
        }
        List<DestroyGraph.StateObject> objects = new ArrayList<>();
        if (state.isEmpty()) {
            return objects;
        }
        for (ResourceState r : state.get().resources()) {
            String local = ("data".equals(r.mode()) ? "data." : "") + r.type() + "." + r.name();
            for (InstanceState i : r.instances()) {
                if (i.deposed() == null) {
                    objects.add(DestroyGraph.StateObject.of(r.module(), local, i.keySuffix(), r.provider(),
                            i.dependencies()));
                }
            }
        }
        return objects;
    }

    /**
     * The graph of a {@code -type} value: the resources-only summary without one (or with an empty one), null for
     * a type terraform 1.11 refuses. {@code plan-refresh-only} is drawn as {@code plan}: Capstan builds no separate
     * refresh-only graph (the two are the same for a configuration of managed resources; GraphTypesDifferentialTest).
     */
    static GraphType graphType(String type) {
        if (type == null || type.isEmpty()) {
            return GraphType.VALIDATE;
        }
        if (type.equals("plan-refresh-only")) {
            return GraphType.PLAN;
        }
        GraphType t = GraphType.fromFlag(type);
        return t == GraphType.VALIDATE ? null : t; // terraform 1.11 has no -type=validate any more
    }

    /**
     * As terraform's {@code Meta.showDiagnostics}: sorted as {@code tfdiags} sorts them (warnings
     * first, then those without a source, then by file and position; the loader's and the graph
     * builder's order is not terraform's), similar warnings consolidated, each through
     * {@code Ui.Error}, which adds a newline. {@code graph} and {@code providers} print this way.
     */
    static void showDiagnostics(DiagnosticRenderer r, Diagnostics diags, PrintWriter err, boolean color) {
        java.util.List<io.capstan.hcl.diag.Diagnostic> all = new java.util.ArrayList<>(EngineCommand.sorted(diags));
        all.sort(java.util.Comparator.comparing(io.capstan.hcl.diag.Diagnostic::isError)); // stable: warnings first
        for (io.capstan.hcl.diag.Diagnostic d : DiagnosticRenderer.consolidateWarnings(all)) {
            // Ui.Error and Ui.Warn of terraform's coloured UI: the text in red or yellow, reset twice
            err.print(color ? (d.isError() ? "\u001b[31m" : "\u001b[33m") + r.render(d) + "\u001b[0m\u001b[0m\n"
                    : r.render(d) + "\n");
        }
        err.flush();
    }

    private static int render(String dot, Path file, PrintWriter err) {
        String name = file.getFileName().toString();
        String format = name.endsWith(".png") ? "png" : name.endsWith(".svg") ? "svg" : null;
        if (format == null) {
            err.println("Error: -draw needs a file name ending in .svg or .png, got \"" + name + "\".");
            err.flush();
            return 1;
        }
        try {
            Process p = new ProcessBuilder("dot", "-T" + format, "-o", file.toAbsolutePath().toString())
                    .redirectErrorStream(true).start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(dot.getBytes(StandardCharsets.UTF_8));
            }
            String msg = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                err.println("Error: Graphviz failed to render " + name + ": " + msg.trim());
                err.flush();
                return 1;
            }
            return 0;
        } catch (IOException e) {
            err.println("Error: Graphviz is not installed");
            err.println();
            err.println("Rendering with -draw needs Graphviz's \"dot\" program on the PATH (Debian/Ubuntu: "
                    + "apt-get install graphviz). Without -draw, capstan graph prints DOT text you can render elsewhere.");
            err.flush();
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
