package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lock file checks terraform 1.11 makes as any command's backend starts (its provider factories,
 * built for the backend's context options), not only the operations': the lock file must parse, and
 * each provider it selects must be installed as selected. Every state and view command ({@code output},
 * {@code show}, {@code state list|show|pull|push|mv|rm|replace-provider}, {@code workspace
 * list|new|select|delete}, {@code taint}, {@code untaint}, {@code force-unlock}, {@code console},
 * {@code graph}, {@code providers}) stops there with exit code 1, each printing the error its own way;
 * {@code workspace show} does not check. Each command is run by the real {@code terraform} and by
 * Capstan on twin directories holding the same applied state, exit codes and output compared. Skipped,
 * with a printed reason, when terraform is absent.
 */
class BackendLockDifferentialTest {
    @TempDir
    Path tmp;

    private static final List<String[]> COMMANDS = List.of(
            new String[] {"output"}, new String[] {"output", "-json"}, new String[] {"output", "o"},
            new String[] {"show"}, new String[] {"show", "-json"}, new String[] {"state", "list"},
            new String[] {"state", "show", "terraform_data.a"}, new String[] {"state", "pull"},
            new String[] {"state", "push", "pushed.tfstate"},
            new String[] {"state", "mv", "terraform_data.a", "terraform_data.b"},
            new String[] {"state", "rm", "terraform_data.a"},
            new String[] {"state", "replace-provider", "-auto-approve", "hashicorp/a", "hashicorp/b"},
            new String[] {"state", "mv", "-no-color", "terraform_data.a", "terraform_data.b"},
            new String[] {"state", "list", "-no-color"}, new String[] {"providers"},
            new String[] {"workspace", "list"}, new String[] {"workspace", "new", "-no-color", "w3"},
            new String[] {"workspace", "select", "w3"}, new String[] {"workspace", "delete", "-no-color", "w3"},
            new String[] {"taint", "-no-color", "terraform_data.a"}, new String[] {"untaint", "terraform_data.a"},
            new String[] {"force-unlock", "-force", "123"}, new String[] {"console", "-no-color"},
            new String[] {"graph", "-no-color"}, new String[] {"workspace", "show"},
            new String[] {"show", "-no-color", "pushed.tfstate"}, new String[] {"show", "-json", "pushed.tfstate"},
            new String[] {"show", "-no-color", "saved.plan"}, new String[] {"show", "-json", "saved.plan"});

    private static final Map<String, String> AUTOMATION = Map.of("TF_IN_AUTOMATION", "1");

    private static final String REQUIRES_NULL = "terraform {\n  required_providers {\n"
            + "    null = { source = \"hashicorp/null\" }\n  }\n}\n";

    /** Twin directories with the same applied configuration (the built-in provider alone), each tool's own state. */
    private Path[] twins() throws Exception {
        Path[] dirs = {Files.createDirectories(tmp.resolve("t")), Files.createDirectories(tmp.resolve("c"))};
        for (int i = 0; i < 2; i++) {
            Files.writeString(dirs[i].resolve("main.tf"), "resource \"terraform_data\" \"a\" {\n  input = \"x\"\n}\n"
                    + "output \"o\" {\n  value = \"v\"\n}\n");
            Differential.Run r = SavedPlanDifferentialTest.run(i == 0, dirs[i], Map.of(), "apply", "-input=false",
                    "-no-color", "-auto-approve");
            assertThat(r.exit()).as(r.out()).isZero();
            Files.copy(dirs[i].resolve("terraform.tfstate"), dirs[i].resolve("pushed.tfstate"));
            // a saved plan of the same configuration, for show PLANFILE (whose configuration requires no other provider)
            r = SavedPlanDifferentialTest.run(i == 0, dirs[i], Map.of(), "plan", "-input=false", "-no-color",
                    "-out=saved.plan");
            assertThat(r.exit()).as(r.out()).isZero();
        }
        return dirs;
    }

    private static int same(Path[] dirs, String lock, String expected) throws Exception {
        int n = 0;
        for (String[] c : COMMANDS) {
            for (Path dir : dirs) {
                Files.writeString(dir.resolve("req.tf"), REQUIRES_NULL);
                Files.writeString(dir.resolve(".terraform.lock.hcl"), lock);
            }
            Differential.Run t = SavedPlanDifferentialTest.run(true, dirs[0], AUTOMATION, c);
            Differential.Run k = SavedPlanDifferentialTest.run(false, dirs[1], AUTOMATION, c);
            String what = String.join(" ", c);
            boolean checks = !what.equals("workspace show");
            assertThat(t.exit()).as("terraform " + what + ":\n" + t.out()).isEqualTo(checks ? 1 : 0);
            if (checks) {
                assertThat(t.out()).as("terraform " + what).contains(expected);
            }
            assertThat(k.exit()).as("capstan " + what + ":\n" + k.out()).isEqualTo(t.exit());
            assertThat(k.out()).as(what).isEqualTo(t.out());
            n++;
        }
        return n;
    }

    @Test
    void everyBackendCommandStopsWhereALockedProviderIsNotInstalled() throws Exception {
        Path[] dirs = twins();
        int n = same(dirs, "provider \"registry.terraform.io/hashicorp/null\" {\n  version = \"3.2.0\"\n"
                + "  hashes = [\n    \"h1:abc=\",\n  ]\n}\n", "there is no package for registry.terraform.io/"
                + "hashicorp/null 3.2.0 cached in .terraform/providers");
        System.out.println("locked provider not installed: " + n + " commands the same in both tools");
    }

    @Test
    void everyBackendCommandReportsALockFileThatDoesNotParse() throws Exception {
        Path[] dirs = twins();
        int n = same(dirs, "foo {\n}\n", "failed to read dependency lock file: Unsupported block type: Blocks of "
                + "type \"foo\" are not expected here.");
        // the operations too, which read it as empty before
        for (String[] c : List.of(new String[] {"plan", "-input=false", "-no-color"},
                new String[] {"apply", "-input=false", "-no-color", "-auto-approve"})) {
            Differential.Run t = SavedPlanDifferentialTest.run(true, dirs[0], AUTOMATION, c);
            Differential.Run k = SavedPlanDifferentialTest.run(false, dirs[1], AUTOMATION, c);
            assertThat(t.exit()).as(t.out()).isEqualTo(1);
            assertThat(k.exit()).as(k.out()).isEqualTo(1);
            assertThat(k.out()).isEqualTo(t.out());
            n++;
        }
        System.out.println("unparsable lock file: " + n + " commands the same in both tools");
    }

    /**
     * A configuration that requires a provider the lock file does not select: terraform's {@code state show},
     * {@code console} and {@code graph} load the configuration in their local run and stop with "Inconsistent
     * dependency lock file"; {@code show} of the state or of a state file fails loading the unselected provider's
     * schema ("Failed to load plugin schemas", with and without {@code -json}); {@code show} of a saved plan, whose
     * own configuration requires nothing more, and the other backend commands go on. Every command compared.
     */
    @Test
    void commandsThatLoadTheConfigurationStopWhereTheLockFileSelectsTooLittle() throws Exception {
        Path[] dirs = twins();
        int n = 0;
        int failing = 0;
        int schemas = 0;
        for (String[] c : COMMANDS) {
            String what = String.join(" ", c);
            for (Path dir : dirs) {
                Files.writeString(dir.resolve("req.tf"), REQUIRES_NULL);
                Files.writeString(dir.resolve(".terraform.lock.hcl"), "");
                Files.deleteIfExists(dir.resolve("terraform.tfstate"));
                Files.copy(dir.resolve("pushed.tfstate"), dir.resolve("terraform.tfstate"));
            }
            Differential.Run t = SavedPlanDifferentialTest.run(true, dirs[0], AUTOMATION, c);
            Differential.Run k = SavedPlanDifferentialTest.run(false, dirs[1], AUTOMATION, c);
            assertThat(k.exit()).as("capstan " + what + ":\n" + k.out() + "\nterraform:\n" + t.out()).isEqualTo(t.exit());
            assertThat(masked(k.out())).as(what).isEqualTo(masked(t.out()));
            if (t.exit() != 0 && t.out().contains("Inconsistent dependency lock file")) {
                failing++;
            }
            if (t.exit() != 0 && t.out().contains("Failed to load plugin schemas")) {
                schemas++;
            }
            n++;
        }
        assertThat(failing).as("state show, console and graph stop").isGreaterThanOrEqualTo(3);
        assertThat(schemas).as("show, show -json and show of a state file stop").isEqualTo(4);
        System.out.println("lock file selecting too little: " + n + " commands the same in both tools, " + failing
                + " of them stopping with \"Inconsistent dependency lock file\", " + schemas
                + " with \"Failed to load plugin schemas\"");
    }

    /** Without what differs between the twins' own states and plans: lineages, the objects' random ids, the time. */
    private static String masked(String out) {
        return out.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "UUID")
                .replaceAll("\"timestamp\":\"[^\"]*\"", "\"timestamp\":\"T\"");
    }
}
