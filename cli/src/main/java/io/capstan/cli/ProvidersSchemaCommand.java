package io.capstan.cli;

import io.capstan.cli.init.InitRun;
import io.capstan.cli.init.ProviderSchemas;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code capstan providers schema -json}: starts each provider the configuration requires
 * (the version the lock file selected, from {@code .terraform/providers}), asks for its
 * schema and prints the document {@code terraform providers schema -json} prints, streamed
 * to standard output (the built-in {@code terraform} provider included when required).
 */
@Command(name = "schema", description = "Show schemas for the providers used in the configuration")
public final class ProvidersSchemaCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Arguments after the command: terraform's ignores them, once {@code -json} is given (its check comes first). */
    @Parameters(hidden = true)
    java.util.List<String> ignored;

    @ParentCommand
    ProvidersCommand parent;

    @Option(names = "--json", description = "Prints out a json representation of the schemas for all providers.")
    boolean json;

    @Option(names = "--no-color", hidden = true)
    boolean noColor;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (!json) {
            // as terraform's: two errors through its coloured UI, the second the command's help
            err.print(FlagErrors.uiError("The `capstan providers schema` command requires the `-json` flag.\n", !noColor));
            err.print(FlagErrors.uiError(FlagErrors.usage("providers schema"), !noColor));
            err.flush();
            return 1;
        }
        Path workDir = parent.workDir();
        OutputStream out = parent.jsonOut() != null ? parent.jsonOut()
                : new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        return ProviderSchemas.print(workDir, InitRun.dataDir(workDir, Main.environment()), out, err);
    }
}
