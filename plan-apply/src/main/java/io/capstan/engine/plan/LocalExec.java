package io.capstan.engine.plan;

import io.capstan.graph.config.Provisioner;
import io.capstan.hcl.ast.Expression;
import io.capstan.hcl.body.AttributeSchema;
import io.capstan.hcl.body.BodyContent;
import io.capstan.hcl.body.BodySchema;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Result;
import io.capstan.hcl.eval.Evaluator;
import io.capstan.hcl.value.Value;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code local-exec} provisioner: runs {@code command} through {@code interpreter} (default
 * {@code /bin/sh -c}) with extra {@code environment} in {@code working_dir}, passing each output
 * line to the listener as Terraform prints it ({@code addr (local-exec): line}). A failure is
 * an error unless {@code on_failure = continue}.
 */
final class LocalExec {
    private static final BodySchema SCHEMA = new BodySchema(List.of(new AttributeSchema("command", true),
            new AttributeSchema("interpreter", false), new AttributeSchema("environment", false),
            new AttributeSchema("working_dir", false), new AttributeSchema("quiet", false)), List.of());

    private LocalExec() {
    }

    /** Where provisioners run: the instance's address, module instance and count/each, for evaluating their arguments. */
    record Site(String address, ModuleInst mi, Repetition rep, List<Provisioner> provisioners) {
        static Site of(InstancePlanner.Target t) {
            return new Site(t.address(), t.mi(), t.rep(), t.rc().provisioners());
        }
    }

    /** Runs the resource's provisioners for {@code when}; false when one failed and must fail the resource. */
    static boolean runAll(RunContext run, InstancePlanner.Target t, String when, Value self, Diagnostics diags) {
        return runAll(run, Site.of(t), when, self, diags);
    }

    /**
     * Runs {@code site}'s provisioners for {@code when} with {@code self} bound; false when one failed
     * and must fail the resource ({@code on_failure = continue} ones never do).
     */
    static boolean runAll(RunContext run, Site t, String when, Value self, Diagnostics diags) {
        String addr = t.address();
        for (Provisioner p : t.provisioners()) {
            String pw = p.when() == null ? "create" : p.when();
            if (!pw.equals(when)) {
                continue;
            }
            if (!p.type().equals("local-exec")) {
                diags.add(Diagnostic.error("Unsupported provisioner", "Capstan supports only the \"local-exec\" "
                        + "provisioner; \"" + p.type() + "\" is not available.", p.declRange()));
                return false;
            }
            run.listener.provisionStart(addr, p.type());
            Diagnostics d = new Diagnostics();
            String error = run(run, t, p, self, d);
            if (error != null || d.hasErrors()) {
                if ("continue".equals(p.onFailure())) {
                    continue;
                }
                diags.addAll(d);
                if (error != null) {
                    diags.add(Diagnostic.error("local-exec provisioner error", error, p.declRange()));
                }
                return false;
            }
        }
        return true;
    }

    /** True when {@code provisioners} has one for {@code when}. */
    static boolean any(List<Provisioner> provisioners, String when) {
        return provisioners.stream().anyMatch(p -> when.equals(p.when() == null ? "create" : p.when()));
    }

    private static String run(RunContext run, Site t, Provisioner p, Value self, Diagnostics d) {
        Result<BodyContent> r = p.config().content(SCHEMA);
        d.addAll(r.diagnostics());
        if (r.hasErrors() || r.value() == null) {
            return null;
        }
        BodyContent c = r.value();
        Value command = eval(run, t, self, c, "command", d);
        Value interpreter = eval(run, t, self, c, "interpreter", d);
        Value env = eval(run, t, self, c, "environment", d);
        Value dir = eval(run, t, self, c, "working_dir", d);
        Value quiet = eval(run, t, self, c, "quiet", d);
        if (d.hasErrors() || command == null || command.isNull() || !command.isKnown()) {
            return null;
        }
        List<String> argv = new ArrayList<>();
        if (interpreter != null && !interpreter.isNull()) {
            interpreter.elements().forEach(v -> argv.add(v.unmark().asString()));
        } else {
            argv.add("/bin/sh");
            argv.add("-c");
        }
        String cmd = command.unmark().asString();
        argv.add(cmd);
        String addr = t.address();
        boolean quietly = quiet != null && !quiet.isNull() && quiet.unmark().asBool();
        // as terraform: a sensitive or ephemeral value in the configuration replaces every line of output
        java.util.Set<io.capstan.hcl.value.Mark> marks = new java.util.HashSet<>();
        for (Value v : new Value[] {command, interpreter, env, dir, quiet}) {
            if (v != null) {
                marks.addAll(v.unmarkDeep().marks());
            }
        }
        boolean sensitive = marks.contains(io.capstan.hcl.value.Mark.SENSITIVE);
        boolean ephemeral = marks.contains(io.capstan.hcl.value.Mark.EPHEMERAL);
        String suppressed = sensitive && ephemeral ? "(output suppressed due to sensitive, ephemeral value in config)"
                : sensitive ? "(output suppressed due to sensitive value in config)"
                : ephemeral ? "(output suppressed due to ephemeral value in config)" : null;
        java.util.function.Consumer<String> show = line -> run.listener.output(addr, suppressed != null ? suppressed : line);
        StringBuilder shown = new StringBuilder("[");
        for (int i = 0; i < argv.size(); i++) {
            shown.append(i == 0 ? "" : " ").append('"').append(argv.get(i)).append('"');
        }
        show.accept(quietly ? "local-exec: Executing: Suppressed by quiet=true" : "Executing: " + shown + "]");
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        // the run's directory and environment: in a resident server (CAPSTAN_DAEMON) the client's, not the server's
        ProviderResolver resolver = run.providers == null ? null : run.providers.resolver();
        Path runDir = resolver == null ? null : resolver.workdir();
        if (dir != null && !dir.isNull()) {
            pb.directory(runDir == null ? new File(dir.unmark().asString())
                    : runDir.toAbsolutePath().resolve(dir.unmark().asString()).toFile());
        } else if (runDir != null) {
            pb.directory(runDir.toFile());
        }
        if (resolver != null) {
            pb.environment().putAll(resolver.environment());
        }
        if (env != null && !env.isNull()) {
            for (Map.Entry<String, Value> e : env.entries().entrySet()) {
                pb.environment().put(e.getKey(), e.getValue().unmark().asString());
            }
        }
        StringBuilder output = new StringBuilder();
        try {
            Process proc = pb.start();
            run.stop.register(proc);
            proc.getOutputStream().close();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(proc.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    output.append(line).append('\n');
                    show.accept(line);
                }
            }
            int code = proc.waitFor();
            run.stop.unregister(proc);
            if (code != 0 && run.stop.stopped()) {
                // killed by a graceful stop, as Terraform kills provisioners on interrupt
                return "Error running command '" + cmd + "': signal: killed. Output: " + output;
            }
            // Terraform's message carries the command's whole output
            return code == 0 ? null : "Error running command '" + cmd + "': exit status " + code + ". Output: "
                    + output;
        } catch (IOException e) {
            if (run.stop.stopped()) {
                return "Error running command '" + cmd + "': signal: killed. Output: " + output;
            }
            return "Error running command '" + cmd + "': " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "Error running command '" + cmd + "': interrupted";
        }
    }

    private static Value eval(RunContext run, Site t, Value self, BodyContent c, String name,
                              Diagnostics d) {
        var a = c.attributes().get(name);
        if (a == null) {
            return null;
        }
        Expression e = a.expr();
        return Evaluator.evaluate(e, run.scope.context(t.mi(), t.rep(), self, e), d);
    }
}
