package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Where {@code TF_CLI_ARGS}' words go and how its value splits, as terraform 1.11 does it (each
 * case was run through terraform; {@code CliArgsEnvDifferentialTest} compares whole runs).
 */
class CliArgsEnvTest {

    static Stream<Arguments> placements() {
        return Stream.of(
                Arguments.of(Map.of("TF_CLI_ARGS_plan", "-refresh=false"), List.of("plan", "-var", "x=1"),
                        List.of("plan", "-refresh=false", "-var", "x=1")),
                Arguments.of(Map.of("TF_CLI_ARGS", "-a", "TF_CLI_ARGS_plan", "-b"), List.of("plan", "-c"),
                        List.of("plan", "-b", "-a", "-c")),
                Arguments.of(Map.of("TF_CLI_ARGS_state_list", "-id=x"), List.of("state", "list", "a.b"),
                        List.of("state", "list", "-id=x", "a.b")),
                Arguments.of(Map.of("TF_CLI_ARGS_state", "-id=x"), List.of("state", "list"), List.of("state", "list")),
                Arguments.of(Map.of("TF_CLI_ARGS", "-no-color"), List.of("workspace", "new", "dev"),
                        List.of("workspace", "new", "-no-color", "dev")),
                Arguments.of(Map.of("TF_CLI_ARGS_force_unlock", "-force"), List.of("force-unlock", "id"),
                        List.of("force-unlock", "-force", "id")),
                Arguments.of(Map.of("TF_CLI_ARGS_apply", "-auto-approve"), List.of("plan"), List.of("plan")),
                Arguments.of(Map.of("TF_CLI_ARGS_plan", ""), List.of("plan"), List.of("plan")),
                Arguments.of(Map.of("TF_CLI_ARGS", "-x"), List.of(), List.of("-x")),
                Arguments.of(Map.of("TF_CLI_ARGS_providers_schema", "-json"), List.of("providers", "schema"),
                        List.of("providers", "schema", "-json")),
                Arguments.of(Map.of("TF_CLI_ARGS_state_rollback", "-force"), List.of("state", "rollback", "3"),
                        List.of("state", "rollback", "-force", "3")),
                Arguments.of(Map.of("TF_CLI_ARGS_plan", "-x"), List.of("plan", "list"), List.of("plan", "-x", "list")));
    }

    /** The nested commands are picocli's: the subcommands of state, workspace and providers; none for others. */
    @Test
    void nestedCommandsArePicocliSubcommands() {
        assertThat(CliArgsEnv.subcommands("state")).containsExactlyInAnyOrder("list", "mv", "pull", "push",
                "replace-provider", "rm", "show", "history", "rollback");
        assertThat(CliArgsEnv.subcommands("workspace")).containsExactlyInAnyOrder("delete", "list", "new", "select",
                "show");
        assertThat(CliArgsEnv.subcommands("providers")).containsExactly("schema");
        assertThat(CliArgsEnv.subcommands("plan")).isEmpty();
        assertThat(CliArgsEnv.subcommands("bogus")).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("placements")
    void extraWordsFollowTheCommandsLastWord(Map<String, String> env, List<String> args, List<String> expected)
            throws Exception {
        assertThat(CliArgsEnv.merge(args.toArray(String[]::new), env)).containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> splits() {
        return Stream.of(
                Arguments.of("-var x=a\\ b", List.of("-var", "x=a b")),
                Arguments.of("-var \"x=a\\\"b\"", List.of("-var", "x=a\"b")),
                Arguments.of("-var 'x=a\\b'", List.of("-var", "x=a\\b")),
                Arguments.of("-var \"x=a\\nb\"", List.of("-var", "x=anb")),
                Arguments.of("-var x=$HOME", List.of("-var", "x=$HOME")),
                Arguments.of("-var x=`echo`#", List.of("-var", "x=`echo`#")),
                Arguments.of("-var x=a;b", List.of("-var", "x=a")),
                Arguments.of("-var x=a|b c", List.of("-var", "x=a")),
                Arguments.of("-var \"x=a;b\"", List.of("-var", "x=a;b")),
                Arguments.of("-var x=a\\;b", List.of("-var", "x=a;b")),
                Arguments.of("-var\tx=t\n", List.of("-var", "x=t")),
                Arguments.of("-var x=a\"b c\"d", List.of("-var", "x=ab cd")),
                Arguments.of("a \"\" ''", List.of("a", "", "")),
                Arguments.of("  ", List.of()));
    }

    @ParameterizedTest
    @MethodSource("splits")
    void valuesSplitAsTerraformSplitsThem(String value, List<String> words) throws Exception {
        assertThat(CliArgsEnv.split(value, "TF_CLI_ARGS")).containsExactlyElementsOf(words);
    }

    @ParameterizedTest
    @MethodSource("unreadable")
    void anUnclosedQuoteOrATrailingBackslashIsTerraformsError(String value) {
        assertThatThrownBy(() -> CliArgsEnv.merge(new String[] {"plan"}, Map.of("TF_CLI_ARGS_plan", value)))
                .hasMessage("Error parsing extra CLI args from TF_CLI_ARGS_plan: invalid command line string");
    }

    static Stream<String> unreadable() {
        return Stream.of("-var \"x=a", "-var x=a'", "-var x=\\");
    }
}
