package io.capstan.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code capstan version}: Capstan's version and the Terraform language version it targets. */
@Command(name = "version", description = "Show the current Capstan version")
public final class VersionCommand implements Callable<Integer> {
    /** The Capstan release. */
    public static final String VERSION = "0.1.0";
    /** The Terraform version whose language and formats Capstan matches. */
    public static final String TERRAFORM_COMPAT = "1.11.4";

    @Spec
    CommandSpec spec;

    /** Arguments after the command: terraform's ignores them (no error), so does this. */
    @Parameters(hidden = true)
    java.util.List<String> ignored;

    /** Taken and ignored, as terraform's version takes it (its output has no colour). */
    @Option(names = "--no-color", hidden = true)
    boolean noColor;

    @Option(names = "--json", description = "Output the version information as a JSON object.")
    boolean json;

    @Override
    public Integer call() {
        String platform = System.getProperty("os.name").toLowerCase().replace(' ', '_') + "_"
                + (System.getProperty("os.arch").equals("amd64") ? "amd64" : System.getProperty("os.arch"));
        if (json) {
            spec.commandLine().getOut().printf(
                    "{%n  \"capstan_version\": \"%s\",%n  \"terraform_version\": \"%s\",%n  \"platform\": \"%s\"%n}%n",
                    VERSION, TERRAFORM_COMPAT, platform);
        } else {
            spec.commandLine().getOut().printf("Capstan v%s%non %s%n(compatible with Terraform v%s)%n",
                    VERSION, platform, TERRAFORM_COMPAT);
        }
        return 0;
    }
}
