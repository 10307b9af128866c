package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The top level of {@code capstan}: help and unknown commands, and the static command table
 * that lets {@link Main} build only the invoked subcommand.
 */
class MainTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void staticTableMatchesEachCommandsOwnNameAndDescription() {
        for (String[] c : Main.COMMANDS) {
            Object command = Main.newCommand(c[0]);
            assertThat(command).as(c[0]).isNotNull();
            CommandLine.Model.CommandSpec spec = new CommandLine(command).getCommandSpec();
            assertThat(spec.name()).isEqualTo(c[0]);
            assertThat(spec.usageMessage().description()[0]).isEqualTo(c[1]);
        }
        assertThat(Main.newCommand("bogus")).isNull();
    }

    @Test
    void helpListsEveryCommandWithItsDescription() {
        assertThat(run("-help")).isZero();
        assertThat(out.toString())
                .startsWith("Usage: capstan [global options] <subcommand> [args]\n")
                .contains("  fmt           Reformat your configuration in the standard style\n")
                .contains("  orchestrator  The built-in container orchestrator: run a server,")
                .contains("  version       Show the current Capstan version\n");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void noArgumentsPrintsUsageAndFails() {
        assertThat(run()).isEqualTo(1);
        assertThat(out.toString()).contains("All commands:\n  apply ");
    }

    @Test
    void unknownCommandIsNamedAfterTheUsage() {
        assertThat(run("bogus")).isEqualTo(1);
        assertThat(err.toString())
                .startsWith("Usage: capstan")
                .contains("Capstan has no command named \"bogus\".\n")
                .endsWith("  capstan -help\n\n");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void unknownOptionOfTheInvokedCommandPointsToItsHelp() {
        assertThat(run("validate", "-bogus")).isEqualTo(1);
        // terraform's view commands' prompt (FlagErrors), naming Capstan
        assertThat(err.toString()).endsWith("\nFor more help on using this command, run:\n  capstan validate -help\n");
    }
}
