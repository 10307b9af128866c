package io.capstan.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The picocli models of {@code plan}, {@code apply}, {@code destroy}, {@code refresh} and
 * {@code import}, built in code. Their {@code @Command}/{@code @Option}/{@code @Parameters}
 * annotations stay the declaration (and what {@code EngineSpecsTest} compares this with, attribute
 * by attribute, and by parsing the same arguments both ways); this is the same model without
 * picocli reading them by reflection, which made the JDK generate a proxy class per annotation type
 * on every run (about 20 ms of a 100-resource plan's CPU, in the interpreter).
 */
final class EngineSpecs {
    private EngineSpecs() {
    }

    /** The model of the given engine command (the command object is bound to it: parsing sets its fields). */
    static CommandSpec of(EngineCommand c) {
        CommandSpec spec;
        if (c instanceof PlanCommand p) {
            spec = named(c, "plan", "Show changes required by the current configuration");
            engineOptions(spec, c);
            spec.addOption(option("--out", Path.class, "Write a plan file to the given path.", "<outFile>",
                    () -> p.outFile, v -> p.outFile = (Path) v));
            spec.addOption(flag("--destroy", "Select the \"destroy\" planning mode.", "<destroy>",
                    () -> p.destroy, v -> p.destroy = (Boolean) v));
            spec.addOption(flag("--refresh-only", "Select the \"refresh only\" planning mode.", "<refreshOnly>",
                    () -> p.refreshOnly, v -> p.refreshOnly = (Boolean) v));
            spec.addOption(flag("--detailed-exitcode", "Return detailed exit codes when the command exits.",
                    "<detailedExitcode>", () -> p.detailedExitcode, v -> p.detailedExitcode = (Boolean) v));
            spec.addOption(option("--generate-config-out", String.class, "Write configuration for the import blocks' "
                    + "resources that have none to the given (new) file.", "<generateConfigOut>",
                    () -> p.generateConfigOut, v -> p.generateConfigOut = (String) v));
        } else if (c instanceof ApplyCommand a) {
            spec = c instanceof DestroyCommand
                    ? named(c, "destroy", "Destroy previously-created infrastructure")
                    : named(c, "apply", "Create or update infrastructure");
            engineOptions(spec, c);
            spec.addOption(flag("--auto-approve", "Skip interactive approval of plan before applying.", "<autoApprove>",
                    () -> a.autoApprove, v -> a.autoApprove = (Boolean) v));
            spec.addOption(flag("--destroy", "Destroy Terraform-managed infrastructure.", "<destroyFlag>",
                    () -> a.destroyFlag, v -> a.destroyFlag = (Boolean) v));
            spec.addOption(flag("--refresh-only", "Select the \"refresh only\" planning mode.", "<refreshOnly>",
                    () -> a.refreshOnly, v -> a.refreshOnly = (Boolean) v));
            spec.addPositional(PositionalParamSpec.builder().arity("0..1").paramLabel("PLANFILE").type(Path.class)
                    .description("A plan file saved by plan -out.").initialValue(a.planFile).hasInitialValue(true)
                    .getter(get(() -> a.planFile)).setter(set(() -> a.planFile, v -> a.planFile = (Path) v)).build());
        } else if (c instanceof RefreshCommand) {
            spec = named(c, "refresh", "Update the state to match remote systems");
            engineOptions(spec, c);
        } else if (c instanceof ImportCommand i) {
            spec = named(c, "import", "Associate existing infrastructure with a Terraform resource");
            engineOptions(spec, c);
            spec.addPositional(PositionalParamSpec.builder().index("0").required(true).paramLabel("ADDR").type(String.class)
                    .description("The resource address to import to.").initialValue(i.address).hasInitialValue(true)
                    .getter(get(() -> i.address)).setter(set(() -> i.address, v -> i.address = (String) v)).build());
            spec.addPositional(PositionalParamSpec.builder().index("1").required(true).paramLabel("ID").type(String.class)
                    .description("The provider-specific id of the object.").initialValue(i.id).hasInitialValue(true)
                    .getter(get(() -> i.id)).setter(set(() -> i.id, v -> i.id = (String) v)).build());
        } else {
            throw new IllegalArgumentException("not an engine command: " + c.getClass().getName());
        }
        c.spec = spec;
        return spec;
    }

    private static CommandSpec named(EngineCommand c, String name, String description) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(c).name(name);
        spec.usageMessage().description(description);
        return spec;
    }

    /** EngineCommand's own options, in its declaration order (picocli lists a superclass's options first). */
    @SuppressWarnings("unchecked")
    private static void engineOptions(CommandSpec spec, EngineCommand c) {
        spec.addOption(list("--var", String.class, "Set a value for one of the input variables in the root module.",
                "<vars>", () -> c.vars, v -> c.vars = (List<String>) v));
        spec.addOption(list("--var-file", String.class, "Load variable values from the given file.",
                "<varFiles>", () -> c.varFiles, v -> c.varFiles = (List<String>) v));
        spec.addOption(list("--target", String.class, "Limit the planning operation to only the given module, "
                + "resource, or resource instance and all of its dependencies.",
                "<targets>", () -> c.targets, v -> c.targets = (List<String>) v));
        spec.addOption(list("--replace", String.class, "Force replacement of a particular resource instance.",
                "<replace>", () -> c.replace, v -> c.replace = (List<String>) v));
        spec.addOption(bool("--refresh",
                "Skip checking for external changes to remote objects while creating the plan.", "<refresh>",
                () -> c.refresh, v -> c.refresh = (Boolean) v));
        spec.addOption(valued("--parallelism", int.class, "10", "Limit the number of concurrent operations.",
                "<parallelism>", () -> c.parallelism, v -> c.parallelism = (Integer) v));
        spec.addOption(bool("--lock", "Don't hold a state lock during the operation.",
                "<lock>", () -> c.lock, v -> c.lock = (Boolean) v));
        spec.addOption(valued("--lock-timeout", String.class, "0s", "Duration to retry a state lock.",
                "<lockTimeout>", () -> c.lockTimeout, v -> c.lockTimeout = (String) v));
        spec.addOption(bool("--input", "Ask for input for variables if not directly set.",
                "<input>", () -> c.input, v -> c.input = (Boolean) v));
        spec.addOption(flag("--no-color", "If specified, output won't contain any color.", "<noColor>",
                () -> c.noColor, v -> c.noColor = (Boolean) v));
        spec.addOption(flag("--compact-warnings", "Show warnings in a more compact form.", "<compactWarnings>",
                () -> c.compactWarnings, v -> c.compactWarnings = (Boolean) v));
        spec.addOption(flag("--json", "Produce output in a machine-readable JSON format, one message per line.",
                "<json>", () -> c.json, v -> c.json = (Boolean) v));
        spec.addOption(list("--plugin-dir", Path.class, "Directory to find provider plugins in.",
                "<pluginDirs>", () -> c.pluginDirs, v -> c.pluginDirs = (List<Path>) v));
    }

    // Arity is given only where the annotation gives it: picocli's own (unspecified) arity of a
    // boolean flag also takes an attached value (-json=true), which an explicit "0" would refuse.

    /** A boolean flag ({@code -json}). */
    private static OptionSpec flag(String name, String description, String label, Supplier<Object> get,
            Consumer<Object> set) {
        return field(OptionSpec.builder(name).type(boolean.class), description, label, get, set);
    }

    /** A boolean option that takes its value, default true ({@code -lock=false}). */
    private static OptionSpec bool(String name, String description, String label, Supplier<Object> get,
            Consumer<Object> set) {
        return field(OptionSpec.builder(name).type(boolean.class).arity("1").defaultValue("true"), description, label,
                get, set);
    }

    /** A single-valued option without a default ({@code -out FILE}). */
    private static OptionSpec option(String name, Class<?> type, String description, String label,
            Supplier<Object> get, Consumer<Object> set) {
        return field(OptionSpec.builder(name).type(type), description, label, get, set);
    }

    /** A single-valued option with a default ({@code -parallelism=10}). */
    private static OptionSpec valued(String name, Class<?> type, String defaultValue, String description,
            String label, Supplier<Object> get, Consumer<Object> set) {
        return field(OptionSpec.builder(name).type(type).defaultValue(defaultValue), description, label, get, set);
    }

    /** A repeatable option collected into a list ({@code -var}, {@code -target}). */
    private static OptionSpec list(String name, Class<?> element, String description, String label,
            Supplier<Object> get, Consumer<Object> set) {
        return field(OptionSpec.builder(name).type(List.class).auxiliaryTypes(element), description, label, get, set);
    }

    private static OptionSpec field(OptionSpec.Builder b, String description, String label, Supplier<Object> get,
            Consumer<Object> set) {
        return b.description(description).paramLabel(label).initialValue(get.get()).hasInitialValue(true)
                .getter(get(get)).setter(set(get, set)).build();
    }

    /** Reads a command's field, as picocli's own field binding does. */
    private static IGetter get(Supplier<?> get) {
        return new IGetter() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> T get() {
                return (T) get.get();
            }
        };
    }

    /** Sets a command's field and returns its old value, as picocli's own field binding does. */
    private static ISetter set(Supplier<?> get, Consumer<Object> set) {
        return new ISetter() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> T set(T value) {
                T old = (T) get.get();
                set.accept(value);
                return old;
            }
        };
    }
}
