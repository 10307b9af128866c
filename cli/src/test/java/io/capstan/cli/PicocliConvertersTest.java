package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Main leaves picocli's built-in converters for java.sql and java.time types out
 * ({@code picocli.converters.excludes}), so no option or parameter of any command may have such
 * a type: picocli would then have no converter for it.
 */
class PicocliConvertersTest {

    @Test
    void noOptionOrParameterNeedsAnExcludedConverter() {
        assertThat(Main.COMMANDS.length).isGreaterThan(0);
        assertThat(System.getProperty("picocli.converters.excludes")).isEqualTo("java\\.sql\\..*,java\\.time\\..*");
        List<String> typed = new ArrayList<>();
        int args = 0;
        for (String[] c : Main.COMMANDS) {
            Object command = Main.newCommand(c[0]);
            CommandLine cl = new CommandLine(command instanceof EngineCommand e ? EngineSpecs.of(e) : command);
            List<CommandSpec> specs = new ArrayList<>(List.of(cl.getCommandSpec()));
            for (int i = 0; i < specs.size(); i++) {
                CommandSpec spec = specs.get(i);
                spec.subcommands().values().forEach(sub -> specs.add(sub.getCommandSpec()));
                for (ArgSpec a : spec.args()) {
                    args++;
                    List<Class<?>> types = new ArrayList<>(List.of(a.type()));
                    types.addAll(List.of(a.auxiliaryTypes()));
                    for (Class<?> t : types) {
                        String name = t.getName();
                        if (name.startsWith("java.sql.") || name.startsWith("java.time.")) {
                            typed.add(spec.qualifiedName() + " " + a + ": " + name);
                        }
                    }
                }
            }
        }
        assertThat(args).isGreaterThan(100);
        assertThat(typed).isEmpty();
    }
}
