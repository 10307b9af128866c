package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.cli.Differential.Streams;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flag a command does not define, a flag without its value and a value of the wrong kind, as
 * terraform 1.11.4 answers them: Go's flag package's words in each command's own frame (the view
 * commands' diagnostic and help prompt, the older commands' usage and error line, the state
 * commands' error line and usage on standard output), coloured unless {@code -no-color}, exit
 * code 1. Standard output and standard error compared byte for byte, each on its own, but for the
 * usage prose (each tool's own words, masked on both sides by {@link UsageBlocks}, whose flags are
 * compared as sets) and the help prompt naming each tool; skipped, with a printed reason, when
 * terraform is absent.
 */
class FlagErrorsDifferentialTest {
    @TempDir
    Path tmp;

    /** Exit code, standard output and standard error of one run. */

    private static final List<List<String>> COMMANDS = List.of(List.of("plan"), List.of("apply"), List.of("destroy"),
            List.of("refresh"), List.of("output"), List.of("show"), List.of("validate"), List.of("init"),
            List.of("import"), List.of("fmt"), List.of("graph"), List.of("providers"), List.of("providers", "schema"),
            List.of("force-unlock"), List.of("taint"), List.of("untaint"), List.of("version"), List.of("console"),
            List.of("workspace", "list"), List.of("workspace", "new"), List.of("workspace", "select"),
            List.of("workspace", "show"), List.of("workspace", "delete"), List.of("state", "list"),
            List.of("state", "mv"), List.of("state", "rm"), List.of("state", "pull"), List.of("state", "push"),
            List.of("state", "show"), List.of("state", "replace-provider"));

    @Test
    void undefinedFlagsAreRefusedAsTerraformRefusesThem() throws Exception {
        Path dir = setUp();
        int n = 0;
        for (List<String> command : COMMANDS) {
            for (List<String> flags : List.of(List.of("-bogus"), List.of("-no-color", "-bogus=1"), List.of("--bogus"))) {
                List<String> args = new ArrayList<>(command);
                args.addAll(flags);
                compare(dir, args);
                n++;
            }
        }
        System.out.println("undefined flags: " + n + " runs equal to terraform's");
    }

    @Test
    void missingAndMalformedValuesAreRefusedAsTerraformRefusesThem() throws Exception {
        Path dir = setUp();
        List<List<String>> cases = List.of(
                List.of("plan", "-out"), List.of("plan", "-no-color", "-out"), List.of("apply", "-var"),
                List.of("destroy", "-var-file"), List.of("refresh", "-target"), List.of("output", "-state"),
                List.of("validate", "-json=maybe"), List.of("init", "-backend-config"),
                List.of("import", "-var"), List.of("graph", "-type"), List.of("console", "-var"),
                List.of("taint", "-lock-timeout"), List.of("workspace", "new", "-state"),
                List.of("state", "list", "-state"), List.of("state", "mv", "-state"), List.of("state", "show", "-state"),
                List.of("plan", "-lock=maybe"), List.of("apply", "-no-color", "-refresh=x"),
                List.of("plan", "-parallelism=abc"), List.of("fmt", "-check=maybe"), List.of("plan", "---x"),
                // the view commands go on to count the positional arguments Go's parser left
                List.of("plan", "-bogus", "x"), List.of("apply", "-bogus", "a", "b"), List.of("apply", "-bogus", "a"),
                List.of("destroy", "-no-color", "-bogus", "a", "b"), List.of("refresh", "-bogus", "x"),
                List.of("validate", "-bogus", "a", "b"), List.of("show", "-bogus", "a", "b"),
                List.of("output", "-bogus", "a", "b"), List.of("init", "-bogus", "x"));
        for (List<String> args : cases) {
            compare(dir, args);
        }
        System.out.println("missing or malformed flag values: " + cases.size() + " runs equal to terraform's");
    }

    @Test
    void aFlagGivenTwiceTakesItsLastValue() throws Exception {
        Path dir = setUp();
        List<List<String>> cases = List.of(List.of("validate", "-no-color", "-json", "-json=false"),
                List.of("validate", "-json=false", "-json"), List.of("fmt", "-check=false", "-check"),
                List.of("plan", "-no-color", "-input=false", "-lock=true", "-lock=false", "-refresh=false",
                        "-refresh=true", "-parallelism=2", "-parallelism=3"));
        for (List<String> args : cases) {
            Streams tf = terraform(dir, args);
            Streams cap = capstan(dir, args);
            String what = String.join(" ", args);
            assertThat(tf.exit()).as(what + "\n" + tf.err()).isZero();
            assertThat(cap.exit()).as(what + "\n" + cap.err()).isZero();
            assertThat(cap.out()).as(what).isEqualTo(tf.out());
            assertThat(cap.err()).as(what).isEqualTo(tf.err());
        }
        System.out.println("flags given twice: " + cases.size() + " runs equal to terraform's");
    }

    /**
     * {@code -h}, {@code -help} and {@code --help} anywhere before {@code --}: the command's help on
     * standard output, exit code 0, whatever else the arguments hold (terraform's command-line library
     * looks for them before the command parses anything). The subcommand lists of {@code state},
     * {@code workspace} and {@code providers} are inside the masked block (Capstan's state has history
     * and rollback, its providers lacks lock and mirror).
     */
    @Test
    void helpOfEveryCommandIsItsUsage() throws Exception {
        Path dir = setUp();
        List<List<String>> cases = List.of(List.of("import", "-help"), List.of("fmt", "-h"), List.of("graph", "--help"),
                List.of("force-unlock", "-help"), List.of("taint", "-help"),
                List.of("untaint", "-lock=false", "-help"), List.of("version", "-help"), List.of("console", "-help"),
                List.of("workspace", "new", "-help"), List.of("workspace", "delete", "-help"),
                List.of("state", "list", "-help"), List.of("state", "replace-provider", "-help"),
                // the view commands and init
                List.of("plan", "-help"), List.of("apply", "-h"), List.of("destroy", "--help"), List.of("refresh", "-help"),
                List.of("validate", "-help"), List.of("output", "-help"), List.of("show", "-h"), List.of("init", "-help"),
                List.of("providers", "-help"), List.of("providers", "schema", "-help"), List.of("state", "-help"),
                List.of("workspace", "-h"), List.of("state", "show", "-help"), List.of("state", "mv", "-help"),
                List.of("state", "rm", "-help"), List.of("state", "pull", "-help"), List.of("state", "push", "-help"),
                List.of("workspace", "list", "-help"), List.of("workspace", "select", "-help"),
                List.of("workspace", "show", "-help"),
                // wherever it is before "--": after positional arguments, among bad flags, before the command
                List.of("plan", "x", "-help"), List.of("output", "a", "b", "-h"), List.of("state", "list", "x", "-h"),
                List.of("apply", "-bogus", "-help"), List.of("plan", "-no-color", "-help"), List.of("taint", "a", "b", "--help"),
                List.of("-help", "plan"), List.of("-help", "state", "list"), List.of("init", "-backend-config", "-help"));
        for (List<String> args : cases) {
            Streams tf = terraform(dir, args);
            Streams cap = capstan(dir, args);
            String what = String.join(" ", args);
            assertThat(tf.exit()).as(what).isZero();
            assertThat(cap.exit()).as(what + "\n" + cap.err()).isZero();
            assertThat(UsageBlocks.flags(tf.out())).as(what + ": terraform's help is a usage").isNotNull();
            UsageBlocks.assertEqual(UsageBlocks.command(args), tf.out(), cap.out(), what + " (stdout)");
            UsageBlocks.assertEqual(UsageBlocks.command(args), tf.err(), cap.err(), what + " (stderr)");
        }
        System.out.println("-help: " + cases.size() + " runs equal to terraform's but for the usage prose");
    }

    /**
     * {@code state} and {@code workspace} without a subcommand they know print their help on standard
     * output, exit code 1; {@code --h} is no help request but Go's "flag: help requested", in each
     * command's frame (after {@code --}, {@code -help} is a positional argument: see the counts below).
     */
    @Test
    void helpThatIsNoRequestForHelp() throws Exception {
        Path dir = setUp();
        List<List<String>> cases = List.of(List.of("state"), List.of("workspace"), List.of("state", "bogus"),
                List.of("workspace", "-bogus"), List.of("state", "--h"), List.of("plan", "--h"), List.of("init", "--h"),
                List.of("fmt", "--h"), List.of("import", "--h"), List.of("console", "--h"), List.of("state", "list", "--h"),
                List.of("state", "mv", "--h"), List.of("plan", "-help=1"));
        for (List<String> args : cases) {
            compare(dir, args);
        }
        System.out.println("help that is no request for help: " + cases.size() + " runs equal to terraform's");
    }

    /**
     * Too many or too few positional arguments without a flag problem, counted as terraform counts them
     * (flags after the first positional argument are positional too, {@code -no-color} is taken out
     * wherever it is) and worded in each command's frame.
     */
    @Test
    void positionalArgumentsAreCountedAsTerraformCountsThem() throws Exception {
        Path dir = setUp();
        List<List<String>> cases = List.of(List.of("plan", "x"), List.of("plan", "x", "-out=p"),
                List.of("plan", "--", "-help"), List.of("apply", "--", "-h", "x"), List.of("apply", "a", "b"),
                List.of("apply", "a", "-auto-approve"), List.of("destroy", "a", "b"), List.of("refresh", "x", "-no-color"),
                List.of("validate", "a", "b"), List.of("show", "a", "-json"), List.of("output", "a", "b"),
                List.of("output", "a", "-json"), List.of("init", "x"), List.of("init", "-no-color", "x"),
                List.of("graph", "x"), List.of("console", "x"), List.of("providers", "a", "b"), List.of("providers", "x"),
                List.of("workspace", "list", "x", "y"), List.of("taint", "a", "b"), List.of("taint"),
                List.of("taint", "a", "-allow-missing"), List.of("untaint"), List.of("untaint", "-no-color", "a", "b"),
                List.of("import", "a"), List.of("import"), List.of("import", "a", "b", "c"), List.of("force-unlock"),
                List.of("force-unlock", "a", "b"), List.of("workspace", "new"), List.of("workspace", "new", "a", "b"),
                List.of("workspace", "new", "a", "-lock=false"), List.of("workspace", "select"),
                List.of("workspace", "delete"), List.of("state", "mv", "a"), List.of("state", "mv", "a", "b", "c"),
                List.of("state", "mv", "a", "b", "-dry-run"), List.of("state", "rm"), List.of("state", "push"),
                List.of("state", "show"), List.of("state", "show", "a", "b"), List.of("state", "show", "-no-color"),
                List.of("state", "replace-provider", "a"), List.of("state", "replace-provider", "a", "b", "c"),
                // workspace list takes no argument at all (terraform's ModulePath refuses any)
                List.of("workspace", "list", "x"), List.of("workspace", "list", "-no-color", "x"));
        for (List<String> args : cases) {
            compare(dir, args);
        }
        System.out.println("positional argument counts: " + cases.size() + " runs equal to terraform's");
    }

    /**
     * Arguments after {@code version}, {@code workspace show}, {@code state pull} and {@code providers schema
     * -json} are no error: terraform's commands ignore them, exit code 0, the output each gives without them
     * (the same as terraform's for the two whose output does not name the tool).
     */
    @Test
    void extraArgumentsSomeCommandsIgnore() throws Exception {
        Path dir = setUp();
        List<List<String>> bases = List.of(List.of("version"), List.of("workspace", "show"), List.of("state", "pull"),
                List.of("providers", "schema", "-json"));
        int n = 0;
        for (List<String> base : bases) {
            Streams tf0 = terraform(dir, base);
            // providers schema -json streams to the process's standard output: run bin/capstan for it
            boolean own = base.get(0).equals("providers");
            Streams cap0 = own ? capstanProcess(dir, base) : capstan(dir, base);
            assertThat(cap0.exit()).as(base + "\n" + cap0.err()).isZero();
            if (base.get(0).equals("workspace") || base.get(0).equals("state")) {
                assertThat(cap0.out()).as(String.join(" ", base)).isEqualTo(tf0.out());
            }
            for (List<String> extra : List.of(List.of("x"), List.of("x", "-y", "z"), List.of("-no-color", "x"))) {
                List<String> args = new ArrayList<>(base);
                args.addAll(extra);
                String what = String.join(" ", args);
                Streams tf = terraform(dir, args);
                Streams cap = own ? capstanProcess(dir, args) : capstan(dir, args);
                assertThat(tf.exit()).as(what + "\n" + tf.err()).isZero();
                assertThat(cap.exit()).as(what + "\n" + cap.err()).isZero();
                assertThat(tf.out()).as(what + ": terraform ignores the argument").isEqualTo(tf0.out());
                assertThat(cap.out()).as(what + " (stdout)").isEqualTo(cap0.out());
                assertThat(cap.err()).as(what + " (stderr)").isEqualTo(tf.err());
                n++;
            }
        }
        System.out.println("ignored extra arguments: " + n + " runs as terraform's");
    }

    /**
     * {@code providers schema} without {@code -json}, whatever follows: terraform's error and the command's
     * help, each in its UI's error colour unless {@code -no-color} (the tool named in the first line).
     */
    @Test
    void providersSchemaWithoutJsonIsRefusedFirst() throws Exception {
        Path dir = setUp();
        List<List<String>> cases = List.of(List.of("providers", "schema"), List.of("providers", "schema", "x"),
                List.of("providers", "schema", "-no-color"), List.of("providers", "schema", "x", "-json"));
        for (List<String> args : cases) {
            Streams tf = terraform(dir, args);
            Streams cap = capstan(dir, args);
            String what = String.join(" ", args);
            assertThat(tf.exit()).as(what).isEqualTo(1);
            assertThat(cap.exit()).as(what + "\n" + cap.err()).isEqualTo(1);
            String tfErr = tf.err().replace("`terraform providers schema`", "`capstan providers schema`");
            UsageBlocks.assertEqual("providers schema", tfErr, cap.err(), what + " (stderr)");
            assertThat(cap.out()).as(what + " (stdout)").isEqualTo(tf.out());
        }
        System.out.println("providers schema without -json: " + cases.size() + " runs equal to terraform's");
    }

    /**
     * Flags after the first positional argument are positional arguments, as Go's flag package leaves
     * them: counted (above), or taken as the command takes its arguments (fmt's paths, {@code state rm}'s
     * and {@code state mv}'s addresses: without a state, "No state file was found!" comes first, as
     * terraform checks the state before the addresses; StateAddressesDifferentialTest has them with one).
     */
    @Test
    void flagsAfterThePositionalArgumentsArePositional() throws Exception {
        Path dir = setUp();
        List<List<String>> cases = List.of(List.of("fmt", ".", "-check"), List.of("fmt", "-no-color", ".", "-diff"),
                List.of("state", "rm", "x", "-dry-run"), List.of("state", "rm", "-no-color", "-dry-run", "a..b"),
                List.of("state", "rm", "a..b"), List.of("state", "mv", "-no-color", "a..b", "x"),
                List.of("state", "mv", "-dry-run", "a", "-b"));
        for (List<String> args : cases) {
            Streams tf = terraform(dir, args);
            Streams cap = capstan(dir, args);
            String what = String.join(" ", args);
            assertThat(cap.exit()).as(what + "\n" + cap.err()).isEqualTo(tf.exit());
            assertThat(cap.out()).as(what + " (stdout)").isEqualTo(tf.out());
            assertThat(cap.err()).as(what + " (stderr)").isEqualTo(tf.err());
        }
        System.out.println("flags after positional arguments: " + cases.size() + " runs equal to terraform's");
    }

    private Path setUp() throws Exception {
        Differential.terraform();
        Path dir = tmp.resolve("w");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("main.tf"), "resource \"terraform_data\" \"a\" {\n  input = 1\n}\n");
        return dir;
    }

    private static void compare(Path dir, List<String> args) throws Exception {
        Streams tf = terraform(dir, args);
        Streams cap = capstan(dir, args);
        String what = String.join(" ", args);
        assertThat(tf.exit()).as(what + "\n" + tf.err()).isEqualTo(1);
        assertThat(cap.exit()).as(what + "\n" + cap.err()).isEqualTo(1);
        UsageBlocks.assertEqual(UsageBlocks.command(args), tf.err(), cap.err(), what + " (stderr)");
        UsageBlocks.assertEqual(UsageBlocks.command(args), tf.out(), cap.out(), what + " (stdout)");
    }

    private static Streams terraform(Path dir, List<String> args) throws Exception {
        return Differential.tfStreams(dir, args);
    }

    /** One run of bin/capstan in {@code dir}, in the environment terraform is given. */
    private static Streams capstanProcess(Path dir, List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of("..", "bin", "capstan").toAbsolutePath().normalize().toString());
        cmd.addAll(args);
        Path out = Files.createTempFile("cap-out", ".txt");
        Path err = Files.createTempFile("cap-err", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().put("TF_IN_AUTOMATION", "1");
            pb.environment().remove("TF_LOG");
            pb.environment().remove("TF_CLI_ARGS");
            Process p = pb.start();
            p.getOutputStream().close();
            assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
            return new Streams(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static Streams capstan(Path dir, List<String> args) {
        return Differential.capStreams(dir, args);
    }
}
