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

    @ParentCommand
    ProvidersCommand parent;

    @Option(names = "--json", description = "Prints out a json representation of the schemas for all providers.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (!json) {
            err.println("The `capstan providers schema` command requires the `-json` flag.");
            err.println();
            err.println("Usage: capstan [global options] providers schema -json");
            err.flush();
            return 1;
        }
        Path workDir = parent.workDir();
        OutputStream out = parent.jsonOut() != null ? parent.jsonOut()
                : new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        return ProviderSchemas.print(workDir, InitRun.dataDir(workDir, Main.environment()), out, err);
    }
}
