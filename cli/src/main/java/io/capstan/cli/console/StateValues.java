package io.capstan.cli.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.engine.json.ResourceSchemas;
import io.capstan.engine.json.StateValuesJson;
import io.capstan.engine.state.GoJson;
import io.capstan.engine.state.InstanceState;
import io.capstan.engine.state.ResourceState;
import io.capstan.engine.state.StateFile;
import io.capstan.hcl.value.Mark;
import io.capstan.hcl.value.Value;
import io.capstan.hcl.value.ValueJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The root module's resources as {@code terraform console} sees them once they are in state: a
 * resource without count/for_each is its object, one with count a tuple of objects, one with
 * for_each an object keyed by the instance keys; attributes recorded as sensitive are marked so.
 */
final class StateValues {
  private StateValues() {}

  /** {@code mode} → type → name → value, root module only. */
  static Map<String, Map<String, Map<String, Value>>> rootResources(StateFile state, ResourceSchemas schemas) {
    Map<String, Map<String, Map<String, Value>>> out = new TreeMap<>();
    for (ResourceState r : state.resources()) {
      if (r.module() != null && !r.module().isEmpty()) {
        continue;
      }
      List<InstanceState> current = r.instances().stream().filter(i -> i.deposed() == null).toList();
      if (current.isEmpty()) {
        continue;
      }
      Value v;
      JsonNode firstKey = current.get(0).indexKey();
      if (firstKey == null || firstKey.isNull()) {
        v = instance(r, current.get(0), schemas);
      } else if (firstKey.isNumber()) {
        List<Value> elems = new ArrayList<>();
        current.stream().sorted((a, b) -> a.indexKey().decimalValue().compareTo(b.indexKey().decimalValue()))
            .forEach(i -> elems.add(instance(r, i, schemas)));
        v = Value.tuple(elems);
      } else {
        Map<String, Value> byKey = new TreeMap<>();
        current.forEach(i -> byKey.put(i.indexKey().asText(), instance(r, i, schemas)));
        v = Value.object(byKey);
      }
      out.computeIfAbsent(r.mode(), k -> new TreeMap<>()).computeIfAbsent(r.type(), k -> new TreeMap<>())
          .put(r.name(), v);
    }
    return out;
  }

  private static Value instance(ResourceState r, InstanceState i, ResourceSchemas schemas) {
    JsonNode values = StateValuesJson.unwrapDynamic(i.attributes(),
        schemas.block(StateValuesJson.providerSource(r.provider()), r.mode(), r.type()));
    Value v = ValueJson.decodeInfer(GoJson.compact(values));
    for (JsonNode path : i.sensitiveAttributes()) {
      List<String> steps = new ArrayList<>();
      for (JsonNode step : path) {
        JsonNode k = step.path("value");
        steps.add(k.isObject() ? k.path("value").asText() : k.asText());
      }
      v = mark(v, steps, 0);
    }
    return v;
  }

  private static Value mark(Value v, List<String> path, int at) {
    if (at == path.size()) {
      return v.mark(Mark.SENSITIVE);
    }
    if (v.isNull() || !v.isKnown()) {
      return v;
    }
    String step = path.get(at);
    if (v.isMapping() && v.entries().containsKey(step)) {
      Map<String, Value> copy = new LinkedHashMap<>(v.entries());
      copy.put(step, mark(copy.get(step), path, at + 1));
      return Value.object(copy);
    }
    if (v.isSequence()) {
      try {
        int idx = Integer.parseInt(step);
        List<Value> copy = new ArrayList<>(v.elements());
        if (idx >= 0 && idx < copy.size()) {
          copy.set(idx, mark(copy.get(idx), path, at + 1));
          return Value.tuple(copy);
        }
      } catch (NumberFormatException e) {
        return v;
      }
    }
    return v;
  }
}
