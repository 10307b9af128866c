package io.capstan.orchestrator.cli;

import io.capstan.orchestrator.api.v1.ApiObject;
import io.capstan.orchestrator.api.v1.GetRequest;
import io.capstan.orchestrator.api.v1.Revision;
import io.capstan.orchestrator.client.Connection;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code capstan orchestrator rollout status|history|undo DEPLOYMENT}. */
@Command(name = "rollout", mixinStandardHelpOptions = true, description = "Watch, list or undo a deployment's rollouts.",
        subcommands = {RolloutCommand.StatusCmd.class, RolloutCommand.HistoryCmd.class, RolloutCommand.UndoCmd.class})
final class RolloutCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static ApiObject get(Connection c, String ns, String name) {
        return c.blocking().get(GetRequest.newBuilder().setKind("Deployment").setNamespace(ns).setName(name).build());
    }

    /** Waits until the rollout completes (exit 0) or fails / rolls back (exit 7). */
    @Command(name = "status", mixinStandardHelpOptions = true, description = "Wait for a deployment's rollout to finish.")
    static final class StatusCmd extends ClientCommand {
        @Parameters(index = "0", description = "Deployment name.")
        String name;

        @Option(names = "--timeout", defaultValue = "5m", description = "Give up after this long.")
        String timeout;

        @Override
        int run(Connection c) throws InterruptedException {
            long end = System.currentTimeMillis() + Durations.millis(timeout);
            String last = "";
            while (System.currentTimeMillis() < end) {
                ApiObject d = get(c, namespace, name);
                var s = d.getDeployment().getStatus();
                String line = "revision " + s.getCurrentRevision() + ": " + s.getUpdated() + " of " + d.getDeployment().getSpec().getReplicas()
                        + " updated instances available (" + s.getPhase() + ")";
                if (!line.equals(last)) {
                    out().println(line);
                    out().flush();
                    last = line;
                }
                switch (s.getPhase()) {
                    case "Complete" -> {
                        out().println("deployment \"" + name + "\" successfully rolled out");
                        return ExitCodes.OK;
                    }
                    case "RolledBack", "RollingBack", "Failed" -> {
                        err().println("Error: deployment \"" + name + "\": " + s.getMessage());
                        return ExitCodes.ROLLOUT_FAILED;
                    }
                    default -> Thread.sleep(250);
                }
            }
            err().println("Error: timed out waiting for deployment \"" + name + "\" to roll out");
            return ExitCodes.ROLLOUT_FAILED;
        }
    }

    @Command(name = "history", mixinStandardHelpOptions = true, description = "List a deployment's revisions.")
    static final class HistoryCmd extends ClientCommand {
        @Parameters(index = "0", description = "Deployment name.")
        String name;

        @Override
        int run(Connection c) {
            ApiObject d = get(c, namespace, name);
            var s = d.getDeployment().getStatus();
            List<List<String>> rows = new ArrayList<>();
            for (Revision r : s.getHistoryList()) {
                var t = r.getTemplate();
                String what = t.hasProcess() ? t.getProcess().getCommand() + " " + String.join(" ", t.getProcess().getArgsList())
                        : "container " + t.getContainer().getImage() + " " + String.join(" ", t.getContainer().getCommandList());
                what = what.replace("\n", " ");
                if (what.length() > 60) {
                    what = what.substring(0, 57) + "...";
                }
                rows.add(List.of(String.valueOf(r.getNumber()) + (r.getNumber() == s.getCurrentRevision() ? " (current)" : ""),
                        r.getHash(), Printing.age(r.getCreatedMs()), what));
            }
            out().print(Printing.table(List.of("REVISION", "HASH", "AGE", "COMMAND"), rows));
            return ExitCodes.OK;
        }
    }

    @Command(name = "undo", mixinStandardHelpOptions = true, description = "Roll a deployment back to an earlier revision.")
    static final class UndoCmd extends ClientCommand {
        @Parameters(index = "0", description = "Deployment name.")
        String name;

        @Option(names = "--to-revision", defaultValue = "0", description = "Revision to go back to (default: the previous one).")
        long to;

        @Override
        int run(Connection c) {
            for (int attempt = 0; ; attempt++) {
                ApiObject d = get(c, namespace, name);
                var s = d.getDeployment().getStatus();
                Revision target = null;
                for (Revision r : s.getHistoryList()) {
                    if (to > 0 ? r.getNumber() == to : r.getNumber() != s.getCurrentRevision() && (target == null || r.getNumber() > target.getNumber())) {
                        target = r;
                    }
                }
                if (target == null) {
                    err().println("Error: " + (to > 0 ? "revision " + to + " not found in the history of deployment \"" + name + "\""
                            : "deployment \"" + name + "\" has no earlier revision"));
                    return ExitCodes.NOT_FOUND;
                }
                var b = d.toBuilder();
                b.getDeploymentBuilder().getSpecBuilder().setTemplate(target.getTemplate());
                try {
                    c.blocking().update(b.build());
                    out().println("deployment/" + name + " rolled back to revision " + target.getNumber());
                    return ExitCodes.OK;
                } catch (StatusRuntimeException e) {
                    if (e.getStatus().getCode() != Status.Code.ABORTED || attempt >= 5) {
                        throw e;
                    }
                }
            }
        }
    }
}
