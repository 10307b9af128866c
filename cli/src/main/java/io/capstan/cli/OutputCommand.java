package io.capstan.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.cli.console.ValueFormatter;
import io.capstan.cli.state.StateAccess;
import io.capstan.engine.state.GoJson;
import io.capstan.engine.state.OutputState;
import io.capstan.engine.state.StateFile;
import io.capstan.hcl.value.TypeJson;
import io.capstan.hcl.value.Value;
import io.capstan.hcl.value.ValueJson;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code capstan output [NAME]}: the root module's output values from the state, as
 * {@code terraform output} prints them: all outputs as {@code name = value} (sensitive ones as
 * {@code <sensitive>}), one output in full, {@code -json} (all outputs with type and sensitivity,
 * or one value compact) and {@code -raw} (a string, number or bool without quotes or newline).
 */
@Command(name = "output", description = "Show output values from your root module")
public final class OutputCommand extends StateCommandBase {
  @Parameters(arity = "0..1", paramLabel = "NAME")
  String name;

  @Option(names = "--json", description = "Machine readable output will be printed in JSON format.")
  boolean json;

  @Option(names = "--raw", description = "For value types that can be automatically converted to a string, will print the raw string directly.")
  boolean raw;

  @Option(names = "--state", defaultValue = "", description = "Path to the state file to read.")
  String statePath;

  @Override
  int run() {
    if (raw && json) {
      return usage("Invalid output format", "The -raw and -json options are mutually-exclusive.");
    }
    if (raw && name == null) {
      return usage("Output name required",
          "You must give the name of a single output value when using the -raw option.");
    }
    Map<String, OutputState> outputs;
    if (!pluginsInstalled(LockErrorForm.DIAGNOSTIC)) {
      return 1;
    }
    try (StateAccess access = openState(statePath)) {
      outputs = access.read().map(StateFile::outputs).orElse(Map.of());
    }
    if (name == null) {
      return all(outputs);
    }
    OutputState o = outputs.get(name);
    if (o == null) {
      return term.error("Output \"" + name + "\" not found",
          "The output variable requested could not be found in the state file. If you recently added this to your "
              + "configuration, be sure to run `terraform apply`, since the state won't be updated with new output "
              + "variables until that command is run.");
    }
    if (json) {
      term.out().println(GoJson.compact(o.value()));
      return 0;
    }
    if (raw) {
      return raw(o);
    }
    term.out().println(ValueFormatter.format(decode(o)));
    return 0;
  }

  private int all(Map<String, OutputState> outputs) {
    if (json) {
      ObjectNode root = JsonNodeFactory.instance.objectNode();
      outputs.forEach((n, o) -> {
        ObjectNode on = root.putObject(n);
        on.put("sensitive", o.sensitive());
        on.set("type", o.type());
        on.set("value", o.value());
      });
      term.out().println(GoJson.indent(root));
      return 0;
    }
    if (outputs.isEmpty()) {
      term.warning("No outputs found",
          "The state file either has no outputs defined, or all the defined outputs are empty. Please define an "
              + "output in your configuration with the `output` keyword and run `terraform refresh` for it to become "
              + "available. If you are using interpolation, please verify the interpolated value is not empty. You can "
              + "use the `terraform console` command to assist.");
      return 0;
    }
    outputs.forEach((n, o) -> term.out().println(n + " = " + (o.sensitive() ? "<sensitive>" : ValueFormatter.format(decode(o)))));
    return 0;
  }

  private int raw(OutputState o) {
    var v = o.value();
    if (v.isTextual() || v.isBoolean()) {
      term.out().print(v.asText());
    } else if (v.isNumber()) {
      BigDecimal d = v.decimalValue().stripTrailingZeros();
      term.out().print(d.scale() <= 0 ? d.toBigInteger().toString() : d.toPlainString());
    } else if (v.isNull()) {
      return term.error("Unsupported value for raw output",
          "The -raw option only supports strings, numbers, and boolean values, but output value \"" + name
              + "\" is null.\n\nUse the -json option for machine-readable representations of output values that have "
              + "complex types.");
    } else {
      String kind = Optional.ofNullable(o.type()).filter(t -> t.isArray() && t.size() > 0)
          .map(t -> t.get(0).asText()).orElse(v.isArray() ? "tuple" : "object");
      return term.error("Unsupported value for raw output",
          "The -raw option only supports strings, numbers, and boolean values, but output value \"" + name + "\" is "
              + kind + ".\n\nUse the -json option for machine-readable representations of output values that have "
              + "complex types.");
    }
    return 0;
  }

  private static Value decode(OutputState o) {
    return ValueJson.decode(GoJson.compact(o.value()), TypeJson.fromJson(o.type()));
  }

  private int usage(String summary, String detail) {
    term.error(summary, detail);
    term.err().println("For more help on using this command, run:");
    term.err().println("  capstan output -help");
    return 1;
  }
}
