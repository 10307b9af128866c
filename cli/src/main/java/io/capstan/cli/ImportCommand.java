package io.capstan.cli;

import io.capstan.cli.engine.ProgressPrinter;
import io.capstan.cli.engine.StateStore;
import io.capstan.engine.plan.ChangeListener;
import io.capstan.engine.plan.Importer;
import io.capstan.engine.plan.Providers;
import io.capstan.engine.state.StateFile;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code capstan import ADDR ID}: brings an existing object under management at ADDR. */
@Command(name = "import", description = "Associate existing infrastructure with a Terraform resource")
public final class ImportCommand extends EngineCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ADDR", description = "The resource address to import to.")
    String address;

    @Parameters(index = "1", paramLabel = "ID", description = "The provider-specific id of the object.")
    String id;

    /**
     * As terraform's import (a command on its older UI) prints diagnostics: each in its colour unless
     * -no-color (error red, warning yellow, reset twice) and followed by an empty line, errors on
     * standard error and warnings on standard output, sorted, similar warnings consolidated.
     */
    @Override
    void printDiagnostics(io.capstan.hcl.diag.Diagnostics diags, io.capstan.graph.config.ModuleTree config) {
        if (json || diags.isEmpty()) {
            super.printDiagnostics(diags, config);
            return;
        }
        io.capstan.hcl.diag.DiagnosticRenderer r = new io.capstan.hcl.diag.DiagnosticRenderer(
                new ConfigSources(config, workdir()), !noColor, TerminalWidth.columns());
        for (io.capstan.hcl.diag.Diagnostic d
                : io.capstan.hcl.diag.DiagnosticRenderer.consolidateWarnings(sorted(diags))) {
            String text = r.render(d);
            (d.isError() ? err() : out()).print(noColor ? text + "\n"
                    : (d.isError() ? "\u001b[31m" : "\u001b[33m") + text + "\u001b[0m\u001b[0m\n");
        }
        out().flush();
        err().flush();
    }

    /**
     * terraform's import command's message for a resource block the configuration lacks (not a
     * diagnostic: its example block), on standard error in its error colour unless -no-color.
     */
    private void printMissing(Importer.MissingResource m) {
        String text = (noColor ? "" : "\u001b[0m\u001b[1m\u001b[31m") + "Error:" + (noColor ? "" : "\u001b[0m\u001b[1m")
                + " resource address " + goQuote(m.address()) + " does not exist in the configuration."
                + (noColor ? "" : "\u001b[0m") + "\n\nBefore importing this resource, please create its configuration in "
                + m.module() + ". For example:\n\nresource " + goQuote(m.type()) + " " + goQuote(m.name())
                + " {\n  # (resource arguments)\n}\n";
        err().print(noColor ? text + "\n" : "\u001b[31m" + text + "\u001b[0m\u001b[0m\n");
        err().flush();
    }

    /** Go's {@code %q} of a string: quoted, with backslash escapes for quotes, backslashes and control characters. */
    static String goQuote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    @Override
    public Integer call() {
        if (!pluginsInstalled()) {
            return 1;
        }
        try (StateStore store = StateStore.open(workdir()); Providers providers = providers()) {
            StateFile prior = lockAndRead(store, "OperationTypeImport");
            if (prior == null) {
                return 1;
            }
            ProgressPrinter lines = new ProgressPrinter(out());
            ChangeListener importLines = (addr, phase, objId, ms) -> {
                if (phase == ChangeListener.Phase.CREATING) {
                    out().println(addr + ": Importing from ID \"" + objId + "\"...");
                    out().println(addr + ": Import prepared!");
                    out().println("  Prepared " + address.replaceAll(".*?([a-z0-9_]+)\\.[^.]+$", "$1") + " for import");
                } else {
                    lines.event(addr, phase, objId, ms);
                }
            };
            Importer.Outcome o = Importer.run(workdir(), prior, address, id, providers, importLines,
                    lockCheck());
            lines.close();
            printDiagnostics(o.diagnostics(), o.config());
            if (o.missing() != null) {
                printMissing(o.missing());
                return 1;
            }
            if (o.state() == null || o.diagnostics().hasErrors()) {
                return 1;
            }
            store.write(o.state().snapshot(store.current().serial() + 1));
            printDiagnostics(store.takeWarningDiagnostics(), o.config());
            out().println();
            out().println("Import successful!");
            out().println();
            out().println("The resources that were imported are shown above. These resources are now in");
            out().println("your Terraform state and will henceforth be managed by Terraform.");
            out().println();
            out().flush();
            return 0;
        }
    }
}
