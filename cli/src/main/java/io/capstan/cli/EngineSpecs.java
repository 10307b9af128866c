package io.capstan.cli;

import java.nio.file.Path;
import java.util.List;
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
            spec.addOption(option("--out", String.class, "Write a plan file to the given path.", "<outFile>",
                    new Binding(p, "outFile")));
            spec.addOption(flag("--destroy", "Select the \"destroy\" planning mode.", "<destroy>",
                    new Binding(p, "destroy")));
            spec.addOption(flag("--refresh-only", "Select the \"refresh only\" planning mode.", "<refreshOnly>",
                    new Binding(p, "refreshOnly")));
            spec.addOption(flag("--detailed-exitcode", "Return detailed exit codes when the command exits.",
                    "<detailedExitcode>", new Binding(p, "detailedExitcode")));
            spec.addOption(option("--generate-config-out", String.class, "Write configuration for the import blocks' "
                    + "resources that have none to the given (new) file.", "<generateConfigOut>",
                    new Binding(p, "generateConfigOut")));
        } else if (c instanceof ApplyCommand a) {
            spec = c instanceof DestroyCommand
                    ? named(c, "destroy", "Destroy previously-created infrastructure")
                    : named(c, "apply", "Create or update infrastructure");
            engineOptions(spec, c);
            spec.addOption(flag("--auto-approve", "Skip interactive approval of plan before applying.", "<autoApprove>",
                    new Binding(a, "autoApprove")));
            spec.addOption(flag("--destroy", "Destroy Terraform-managed infrastructure.", "<destroyFlag>",
                    new Binding(a, "destroyFlag")));
            spec.addOption(flag("--refresh-only", "Select the \"refresh only\" planning mode.", "<refreshOnly>",
                    new Binding(a, "refreshOnly")));
            spec.addPositional(PositionalParamSpec.builder().arity("0..1").paramLabel("PLANFILE").type(Path.class)
                    .description("A plan file saved by plan -out.").initialValue(a.planFile).hasInitialValue(true)
                    .getter(new Binding(a, "planFile")).setter(new Binding(a, "planFile")).build());
        } else if (c instanceof RefreshCommand) {
            spec = named(c, "refresh", "Update the state to match remote systems");
            engineOptions(spec, c);
        } else if (c instanceof ImportCommand i) {
            spec = named(c, "import", "Associate existing infrastructure with a Terraform resource");
            engineOptions(spec, c);
            spec.addPositional(PositionalParamSpec.builder().index("0").required(true).paramLabel("ADDR").type(String.class)
                    .description("The resource address to import to.").initialValue(i.address).hasInitialValue(true)
                    .getter(new Binding(i, "address")).setter(new Binding(i, "address")).build());
            spec.addPositional(PositionalParamSpec.builder().index("1").required(true).paramLabel("ID").type(String.class)
                    .description("The provider-specific id of the object.").initialValue(i.id).hasInitialValue(true)
                    .getter(new Binding(i, "id")).setter(new Binding(i, "id")).build());
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
                "<vars>", new Binding(c, "vars")));
        spec.addOption(list("--var-file", String.class, "Load variable values from the given file.",
                "<varFiles>", new Binding(c, "varFiles")));
        spec.addOption(list("--target", String.class, "Limit the planning operation to only the given module, "
                + "resource, or resource instance and all of its dependencies.",
                "<targets>", new Binding(c, "targets")));
        spec.addOption(list("--replace", String.class, "Force replacement of a particular resource instance.",
                "<replace>", new Binding(c, "replace")));
        spec.addOption(bool("--refresh",
                "Skip checking for external changes to remote objects while creating the plan.", "<refresh>",
                new Binding(c, "refresh")));
        spec.addOption(valued("--parallelism", int.class, "10", "Limit the number of concurrent operations.",
                "<parallelism>", new Binding(c, "parallelism")));
        spec.addOption(bool("--lock", "Don't hold a state lock during the operation.",
                "<lock>", new Binding(c, "lock")));
        spec.addOption(valued("--lock-timeout", String.class, "0s", "Duration to retry a state lock.",
                "<lockTimeout>", new Binding(c, "lockTimeout")));
        spec.addOption(bool("--input", "Ask for input for variables if not directly set.",
                "<input>", new Binding(c, "input")));
        spec.addOption(flag("--no-color", "If specified, output won't contain any color.", "<noColor>",
                new Binding(c, "noColor")));
        spec.addOption(flag("--compact-warnings", "Show warnings in a more compact form.", "<compactWarnings>",
                new Binding(c, "compactWarnings")));
        spec.addOption(flag("--json", "Produce output in a machine-readable JSON format, one message per line.",
                "<json>", new Binding(c, "json")));
        spec.addOption(list("--plugin-dir", Path.class, "Directory to find provider plugins in.",
                "<pluginDirs>", new Binding(c, "pluginDirs")));
    }

    // Arity is given only where the annotation gives it: picocli's own (unspecified) arity of a
    // boolean flag also takes an attached value (-json=true), which an explicit "0" would refuse.

    /** A boolean flag ({@code -json}). */
    private static OptionSpec flag(String name, String description, String label, Binding f) {
        return field(OptionSpec.builder(name).type(boolean.class), description, label, f);
    }

    /** A boolean option that takes its value, default true ({@code -lock=false}). */
    private static OptionSpec bool(String name, String description, String label, Binding f) {
        return field(OptionSpec.builder(name).type(boolean.class).arity("1").defaultValue("true"), description, label,
                f);
    }

    /** A single-valued option without a default ({@code -out FILE}). */
    private static OptionSpec option(String name, Class<?> type, String description, String label,
            Binding f) {
        return field(OptionSpec.builder(name).type(type), description, label, f);
    }

    /** A single-valued option with a default ({@code -parallelism=10}). */
    private static OptionSpec valued(String name, Class<?> type, String defaultValue, String description,
            String label, Binding f) {
        return field(OptionSpec.builder(name).type(type).defaultValue(defaultValue), description, label, f);
    }

    /** A repeatable option collected into a list ({@code -var}, {@code -target}). */
    private static OptionSpec list(String name, Class<?> element, String description, String label,
            Binding f) {
        return field(OptionSpec.builder(name).type(List.class).auxiliaryTypes(element), description, label, f);
    }

    private static OptionSpec field(OptionSpec.Builder b, String description, String label, Binding f) {
        return b.description(description).paramLabel(label).initialValue(f.read()).hasInitialValue(true)
                .getter(f).setter(f).build();
    }

    /**
     * One option's or parameter's binding to its command field, read and set as picocli's own field binding
     * does (set returns the old value). One class with a switch, not a getter and a setter lambda per
     * option: each lambda's call site is linked on first use, even with its class in the CDS archive, and the
     * 27 of them cost about 1.4% of a 100-resource plan's samples.
     */
    private static final class Binding implements IGetter, ISetter {
        private final EngineCommand c;
        private final String field;

        Binding(EngineCommand c, String field) {
            this.c = c;
            this.field = field;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T get() {
            return (T) read();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T set(T value) {
            T old = (T) read();
            write(value);
            return old;
        }

        Object read() {
            return switch (field) {
                case "vars" -> c.vars;
                case "varFiles" -> c.varFiles;
                case "targets" -> c.targets;
                case "replace" -> c.replace;
                case "refresh" -> c.refresh;
                case "parallelism" -> c.parallelism;
                case "lock" -> c.lock;
                case "lockTimeout" -> c.lockTimeout;
                case "input" -> c.input;
                case "noColor" -> c.noColor;
                case "compactWarnings" -> c.compactWarnings;
                case "json" -> c.json;
                case "pluginDirs" -> c.pluginDirs;
                case "outFile" -> ((PlanCommand) c).outFile;
                case "destroy" -> ((PlanCommand) c).destroy;
                case "refreshOnly" -> c instanceof PlanCommand p ? p.refreshOnly : ((ApplyCommand) c).refreshOnly;
                case "detailedExitcode" -> ((PlanCommand) c).detailedExitcode;
                case "generateConfigOut" -> ((PlanCommand) c).generateConfigOut;
                case "autoApprove" -> ((ApplyCommand) c).autoApprove;
                case "destroyFlag" -> ((ApplyCommand) c).destroyFlag;
                case "planFile" -> ((ApplyCommand) c).planFile;
                case "address" -> ((ImportCommand) c).address;
                case "id" -> ((ImportCommand) c).id;
                default -> throw new IllegalStateException("no field " + field);
            };
        }

        @SuppressWarnings("unchecked")
        void write(Object v) {
            switch (field) {
                case "vars" -> c.vars = (List<String>) v;
                case "varFiles" -> c.varFiles = (List<String>) v;
                case "targets" -> c.targets = (List<String>) v;
                case "replace" -> c.replace = (List<String>) v;
                case "refresh" -> c.refresh = (Boolean) v;
                case "parallelism" -> c.parallelism = (Integer) v;
                case "lock" -> c.lock = (Boolean) v;
                case "lockTimeout" -> c.lockTimeout = (String) v;
                case "input" -> c.input = (Boolean) v;
                case "noColor" -> c.noColor = (Boolean) v;
                case "compactWarnings" -> c.compactWarnings = (Boolean) v;
                case "json" -> c.json = (Boolean) v;
                case "pluginDirs" -> c.pluginDirs = (List<Path>) v;
                case "outFile" -> ((PlanCommand) c).outFile = (String) v;
                case "destroy" -> ((PlanCommand) c).destroy = (Boolean) v;
                case "refreshOnly" -> {
                    if (c instanceof PlanCommand p) {
                        p.refreshOnly = (Boolean) v;
                    } else {
                        ((ApplyCommand) c).refreshOnly = (Boolean) v;
                    }
                }
                case "detailedExitcode" -> ((PlanCommand) c).detailedExitcode = (Boolean) v;
                case "generateConfigOut" -> ((PlanCommand) c).generateConfigOut = (String) v;
                case "autoApprove" -> ((ApplyCommand) c).autoApprove = (Boolean) v;
                case "destroyFlag" -> ((ApplyCommand) c).destroyFlag = (Boolean) v;
                case "planFile" -> ((ApplyCommand) c).planFile = (Path) v;
                case "address" -> ((ImportCommand) c).address = (String) v;
                case "id" -> ((ImportCommand) c).id = (String) v;
                default -> throw new IllegalStateException("no field " + field);
            }
        }
    }
}
