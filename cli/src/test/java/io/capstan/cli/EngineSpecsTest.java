package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@link EngineSpecs} builds in code the picocli models that the engine commands' annotations
 * declare: each must equal what picocli reads from the annotations (every attribute, the usage
 * text), and parsing the same arguments must set the same fields or fail with the same message.
 */
class EngineSpecsTest {

    private static final String[] ENGINE_COMMANDS = {"plan", "apply", "destroy", "refresh", "import"};

    /** Arguments each command is parsed with both ways: valid ones, and each kind of usage error. */
    private static final List<String[]> ARGS = List.of(
            new String[] {},
            new String[] {"--var", "a=1", "--var-file=x.tfvars", "--var=b=2", "--target", "t.a", "--target=t.b"},
            new String[] {"--replace=a.b", "--refresh=false", "--parallelism=3", "--lock=false", "--lock-timeout=5s"},
            new String[] {"--input=false", "--no-color", "--compact-warnings", "--json", "--plugin-dir", "p1",
                    "--plugin-dir=p2"},
            new String[] {"--out=plan.bin", "--destroy", "--refresh-only", "--detailed-exitcode"},
            new String[] {"--auto-approve", "--destroy", "--refresh-only", "saved.plan"},
            new String[] {"addr.x", "id-1"},
            new String[] {"addr.x"},
            new String[] {"a", "b", "c"},
            new String[] {"--help"},
            new String[] {"-h"},
            new String[] {"--bogus"},
            new String[] {"--parallelism=x"},
            new String[] {"--refresh=maybe"},
            new String[] {"--lock", "no"},
            new String[] {"--var"},
            new String[] {"--out"},
            new String[] {"--no-color=true"},
            new String[] {"--json", "--json"},
            new String[] {"--parallelism=1", "--parallelism=2"},
            new String[] {"--", "--var"});

    @ParameterizedTest
    @ValueSource(strings = {"plan", "apply", "destroy", "refresh", "import"})
    void theModelBuiltInCodeEqualsTheAnnotatedOne(String name) {
        CommandSpec annotated = CommandSpec.forAnnotatedObject(Main.newCommand(name));
        CommandSpec coded = EngineSpecs.of((EngineCommand) Main.newCommand(name));
        assertThat(coded.name()).isEqualTo(annotated.name()).isEqualTo(name);
        assertThat(coded.aliases()).isEqualTo(annotated.aliases());
        assertThat(coded.usageMessage().description()).isEqualTo(annotated.usageMessage().description());
        assertThat(coded.mixinStandardHelpOptions()).isEqualTo(annotated.mixinStandardHelpOptions());
        assertThat(coded.subcommands()).isEmpty();
        assertThat(describe(coded.options())).isEqualTo(describe(annotated.options()));
        assertThat(describe(coded.positionalParameters())).isEqualTo(describe(annotated.positionalParameters()));
        assertThat(new CommandLine(coded).getUsageMessage()).isEqualTo(new CommandLine(annotated).getUsageMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"plan", "apply", "destroy", "refresh", "import"})
    void parsingSetsTheSameFieldsOrFailsWithTheSameMessage(String name) throws Exception {
        int parsed = 0;
        for (String[] args : ARGS) {
            EngineCommand a = (EngineCommand) Main.newCommand(name);
            EngineCommand c = (EngineCommand) Main.newCommand(name);
            String annotatedOutcome = parse(new CommandLine(a), args);
            String codedOutcome = parse(new CommandLine(EngineSpecs.of(c)), args);
            assertThat(codedOutcome).as(name + " " + Arrays.toString(args)).isEqualTo(annotatedOutcome);
            assertThat(fields(c)).as(name + " " + Arrays.toString(args)).isEqualTo(fields(a));
            if (annotatedOutcome.equals("ok")) {
                parsed++;
            }
        }
        // every command accepts some of the lists and rejects others
        assertThat(parsed).isBetween(1, ARGS.size() - 1);
    }

    @Test
    void theSpecIsBoundToTheCommand() {
        PlanCommand p = new PlanCommand();
        CommandLine cl = new CommandLine(EngineSpecs.of(p));
        cl.parseArgs("--parallelism=4", "--var", "x=1", "--out", "f");
        assertThat(p.spec).isSameAs(cl.getCommandSpec());
        assertThat(p.parallelism).isEqualTo(4);
        assertThat(p.vars).containsExactly("x=1");
        assertThat(p.outFile).hasToString("f");
        assertThat(p.cliVars()).hasSize(1);
        // a second parse starts again from the initial values, as picocli does for annotated fields
        cl.parseArgs("--json");
        assertThat(p.parallelism).isEqualTo(10);
        assertThat(p.vars).isEmpty();
        assertThat(p.outFile).isNull();
        assertThat(p.json).isTrue();
        assertThat(ENGINE_COMMANDS).allSatisfy(n -> assertThat(Main.newCommand(n)).isInstanceOf(EngineCommand.class));
    }

    private static String parse(CommandLine cl, String[] args) {
        try {
            cl.parseArgs(args);
            return "ok";
        } catch (CommandLine.ParameterException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    /** Every field of the command (and its superclasses) but the model itself, by name. */
    private static Map<String, String> fields(Object command) throws IllegalAccessException {
        Map<String, String> out = new TreeMap<>();
        for (Class<?> k = command.getClass(); k != Object.class; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.getName().equals("spec")) {
                    continue;
                }
                f.setAccessible(true);
                out.put(k.getSimpleName() + "." + f.getName(), String.valueOf(f.get(command)));
            }
        }
        return out;
    }

    private static List<String> describe(List<? extends ArgSpec> args) {
        List<String> out = new ArrayList<>();
        for (ArgSpec a : args) {
            StringBuilder b = new StringBuilder();
            if (a instanceof OptionSpec o) {
                b.append("option ").append(Arrays.toString(o.names())).append(" negatable=").append(o.negatable())
                        .append(" fallback=").append(o.fallbackValue()).append(" help=").append(o.usageHelp())
                        .append(o.versionHelp()).append(" order=").append(o.order());
            } else {
                PositionalParamSpec p = (PositionalParamSpec) a;
                b.append("positional index=").append(p.index());
            }
            b.append(" arity=").append(a.arity()).append(" type=").append(a.type().getName())
                    .append(" aux=").append(Arrays.toString(a.auxiliaryTypes())).append(" label=").append(a.paramLabel())
                    .append(" default=").append(a.defaultValue()).append(" initial=").append(a.initialValue())
                    .append(" hasInitial=").append(a.hasInitialValue()).append(" required=").append(a.required())
                    .append(" hidden=").append(a.hidden()).append(" split=").append(a.splitRegex())
                    .append(" interactive=").append(a.interactive()).append(" inherited=").append(a.inherited())
                    .append(" showDefault=").append(a.showDefaultValue()).append(" scope=").append(a.scopeType())
                    .append(" description=").append(Arrays.toString(a.description()));
            out.add(b.toString());
        }
        return out;
    }
}
