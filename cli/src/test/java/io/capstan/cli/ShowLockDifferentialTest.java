package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code show} of a saved plan against the working directory's lock file, as terraform 1.11's show loads the
 * schemas of the providers the plan's own configuration and its prior state use with the working directory's
 * plugins: a provider the lock file no longer selects fails "Failed to load plugin schemas" (human and
 * {@code -json}), found through the plan's configuration or, once the configuration no longer requires it, through
 * the resource of its prior state the plan destroys; with the lock file back the plan shows. Each step is run by the
 * real {@code terraform} and by Capstan in twin directories, exit codes and output compared. Skipped, with a printed
 * reason, when terraform is absent.
 */
class ShowLockDifferentialTest {
    @TempDir
    Path tmp;

    private static final String TIME = "terraform {\n  required_providers {\n    time = { source = \"capstan/time\" }\n"
            + "  }\n}\n\nresource \"time_sleep\" \"a\" {\n  create_duration = \"1ms\"\n}\n";

    private static final Map<String, String> AUTOMATION = Map.of("TF_IN_AUTOMATION", "1");

    /** Without what differs between the twins: time_sleep's id (a time), the JSON plan's timestamp. */
    private static String masked(String out) {
        return out.replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z", "TIME");
    }

    private static Differential.Run[] both(Path[] dirs, String... args) throws Exception {
        return new Differential.Run[] {SavedPlanDifferentialTest.run(true, dirs[0], AUTOMATION, args),
                SavedPlanDifferentialTest.run(false, dirs[1], AUTOMATION, args)};
    }

    /** Both tools exit {@code exit} with the same output; terraform's output. */
    private static String same(Path[] dirs, int exit, String... args) throws Exception {
        Differential.Run[] r = both(dirs, args);
        String what = String.join(" ", args);
        assertThat(r[0].exit()).as("terraform " + what + ":\n" + r[0].out()).isEqualTo(exit);
        assertThat(r[1].exit()).as("capstan " + what + ":\n" + r[1].out()).isEqualTo(exit);
        assertThat(masked(r[1].out())).as(what).isEqualTo(masked(r[0].out()));
        return r[0].out();
    }

    private static void write(Path[] dirs, String file, String text) throws Exception {
        for (Path d : dirs) {
            Files.writeString(d.resolve(file), text);
        }
    }

    private static void relock(Path[] dirs, String[] locks) throws Exception {
        for (int i = 0; i < 2; i++) {
            Files.writeString(dirs[i].resolve(".terraform.lock.hcl"), locks[i]);
        }
    }

    private static void ok(Differential.Run[] r) {
        assertThat(r[0].exit()).as("terraform:\n" + r[0].out()).isZero();
        assertThat(r[1].exit()).as("capstan:\n" + r[1].out()).isZero();
    }

    @Test
    void showOfASavedPlanLoadsItsProvidersWithTheWorkingDirectorysPlugins() throws Exception {
        Differential.terraform();
        List<Path> mirrors = Differential.mirrors(tmp, "time");
        Path[] dirs = {Files.createDirectories(tmp.resolve("t")), Files.createDirectories(tmp.resolve("c"))};
        write(dirs, "main.tf", TIME);
        ok(both(dirs, Differential.init(mirrors))); // (init's own words name each tool)
        ok(both(dirs, "apply", "-input=false", "-no-color", "-auto-approve"));
        ok(both(dirs, "plan", "-input=false", "-no-color", "-out=config.plan"));
        String[] locks = {Files.readString(dirs[0].resolve(".terraform.lock.hcl")),
            Files.readString(dirs[1].resolve(".terraform.lock.hcl"))};
        String unavailable = "Error while loading schemas for plugin components: Failed to obtain provider\n"
                + "schema: Could not load the schema for provider\nregistry.terraform.io/capstan/time: failed to "
                + "instantiate provider\n\"registry.terraform.io/capstan/time\" to obtain schema: unavailable provider\n"
                + "\"registry.terraform.io/capstan/time\"..";

        // the lock file selects nothing: the plan's configuration requires capstan/time
        write(dirs, ".terraform.lock.hcl", "");
        assertThat(same(dirs, 1, "show", "-no-color", "config.plan")).contains("Error: Failed to load plugin schemas")
                .contains(unavailable);
        same(dirs, 1, "show", "-json", "config.plan");
        same(dirs, 1, "show", "config.plan");
        // the state and a state file too (the working directory's configuration requires it)
        same(dirs, 1, "show", "-no-color");
        same(dirs, 1, "show", "-json", "terraform.tfstate");

        // a configuration without the provider: the plan destroys the resource of its prior state
        relock(dirs, locks);
        write(dirs, "main.tf", "resource \"terraform_data\" \"b\" {\n}\n");
        ok(both(dirs, "plan", "-input=false", "-no-color", "-out=state.plan"));
        write(dirs, ".terraform.lock.hcl", "");
        assertThat(same(dirs, 1, "show", "-no-color", "state.plan")).contains(unavailable);
        same(dirs, 1, "show", "-json", "state.plan");
        same(dirs, 1, "show", "-no-color");

        // selected again: both plans show
        relock(dirs, locks);
        assertThat(same(dirs, 0, "show", "-no-color", "config.plan")).contains("No changes.");
        assertThat(same(dirs, 0, "show", "-no-color", "state.plan")).contains("time_sleep.a will be destroyed");
        // (show -json of this plan is not compared whole: Capstan writes its prior_state after "errored", terraform
        // before "configuration", a difference of the JSON plan's writer left alone here)
        Differential.Run[] json = both(dirs, "show", "-json", "state.plan");
        ok(json);
        assertThat(json[1].out()).contains("\"action_reason\":\"delete_because_no_resource_config\"");
    }
}
