package io.capstan.cli.state;

import io.capstan.cli.backend.BackendException;
import io.capstan.engine.state.InstanceState;
import io.capstan.engine.state.ResourceState;
import io.capstan.engine.state.StateFile;
import io.capstan.engine.state.StateOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The pure state edits behind {@code state mv}, {@code state rm}, {@code taint} and
 * {@code untaint}: each takes a snapshot and returns the edited copy, or throws
 * {@link BackendException} with Terraform's message when the addresses do not fit the state.
 */
public final class StateEdits {
  private StateEdits() {}

  /**
   * The result of {@link #move}: the new state and each object moved as a (from, to) address pair;
   * a module move lists every module instance of the state under the source (as Terraform reports it).
   */
  public record Moved(StateFile state, List<String[]> moves) {}

  /** {@code state mv SRC DST}: a module, a whole resource or one instance, also across modules. */
  public static Moved move(StateFile state, StateAddress src, StateAddress dst) {
    List<ResourceState> rs = new ArrayList<>(state.resources());
    if (src.isModule()) {
      if (!dst.isModule()) {
        throw invalidTarget("Cannot move " + src + " to " + dst + ": the target must also be a module.");
      }
      java.util.Map<String, String> modules = new java.util.LinkedHashMap<>();
      for (ResourceState r : StateOrder.sorted(rs)) {
        if (inModule(r, src.module())) {
          modules.put(mod(r), dst.module() + mod(r).substring(src.module().length()));
        }
      }
      boolean found = !modules.isEmpty();
      for (int k = 0; k < rs.size(); k++) {
        ResourceState r = rs.get(k);
        if (inModule(r, src.module())) {
          rs.set(k, new ResourceState(modules.get(mod(r)), r.mode(), r.type(),
              r.name(), r.provider(), r.instances()));
        } else if (inModule(r, dst.module())) {
          throw invalidTarget("Cannot move to " + dst + ": there is already a module instance at that address in "
              + "the current state.");
        }
      }
      if (!found) {
        throw invalidSource(src);
      }
      List<String[]> moves = new ArrayList<>();
      modules.forEach((from, to) -> moves.add(new String[] {from, to}));
      return new Moved(state.withContent(state.outputs(), rs), moves);
    }
    List<String[]> moves = new ArrayList<>();
    moves.add(new String[] {src.toString(), dst.toString()});
    int srcIndex = indexOf(rs, src);
    if (srcIndex < 0) {
      throw invalidSource(src);
    }
    ResourceState from = rs.get(srcIndex);
    if (dst.isModule()) {
      dst = new StateAddress(dst.module(), src.mode(), src.type(), src.name(), src.key());
    }
    if (!dst.mode().equals(src.mode()) || !dst.type().equals(src.type())) {
      throw new BackendException("Invalid state move request",
          "Cannot move " + src + " to " + dst + ": the source and destination must be resources of the same type.");
    }
    // a resource without count moved to an instance address (a.b -> a.b[0]) is an instance move
    boolean wholeResource = !src.hasKey()
        && !(dst.hasKey() && from.instances().size() == 1 && isNoKey(from.instances().get(0)));
    if (wholeResource) {
      if (indexOf(rs, dst) >= 0) {
        throw invalidTarget("Cannot move to " + dst + ": there is already a resource at that address in the current "
            + "state.");
      }
      rs.set(srcIndex, new ResourceState(dst.module().isEmpty() ? null : dst.module(), dst.mode(), dst.type(),
          dst.name(), from.provider(), from.instances()));
      return new Moved(state.withContent(state.outputs(), rs), moves);
    }
    InstanceState inst = null;
    for (InstanceState i : from.instances()) {
      if (i.deposed() == null && src.sameKey(i)) {
        inst = i;
      }
    }
    if (inst == null) {
      throw invalidSource(src);
    }
    int dstIndex = indexOf(rs, dst);
    if (dstIndex >= 0) {
      for (InstanceState i : rs.get(dstIndex).instances()) {
        if (i.deposed() == null && dst.sameKey(i)) {
          throw invalidTarget("Cannot move to " + dst + ": there is already a resource instance at that address in "
              + "the current state.");
        }
      }
    }
    InstanceState moved = inst.withIndexKey(dst.key());
    InstanceState removed = inst;
    rs.set(srcIndex, from.withInstances(from.instances().stream().filter(i -> i != removed).toList()));
    if (dstIndex >= 0) {
      ResourceState to = rs.get(dstIndex);
      List<InstanceState> insts = new ArrayList<>(to.instances());
      insts.add(moved);
      rs.set(dstIndex, to.withInstances(insts));
    } else {
      rs.add(new ResourceState(dst.module().isEmpty() ? null : dst.module(), dst.mode(), dst.type(), dst.name(),
          from.provider(), List.of(moved)));
    }
    return new Moved(state.withContent(state.outputs(), rs), moves);
  }

  /** The instance addresses {@code address} selects, in state order. */
  public static List<String> selected(StateFile state, StateAddress address) {
    List<String> out = new ArrayList<>();
    for (ResourceState r : StateOrder.sorted(state.resources())) {
      for (InstanceState i : r.instances()) {
        if (i.deposed() == null && address.selects(r, i)) {
          out.add(r.address() + i.keySuffix());
        }
      }
    }
    return out;
  }

  /** {@code state rm}: drops every instance (current and deposed) the addresses select. */
  public static StateFile remove(StateFile state, List<StateAddress> addresses) {
    List<ResourceState> rs = new ArrayList<>();
    for (ResourceState r : state.resources()) {
      rs.add(r.withInstances(r.instances().stream()
          .filter(i -> addresses.stream().noneMatch(a -> a.selects(r, i))).toList()));
    }
    return state.withContent(state.outputs(), rs);
  }

  /** Replaces one instance (an instance address, or a resource address of a resource without count/for_each). */
  public static StateFile editInstance(StateFile state, StateAddress address, UnaryOperator<InstanceState> edit) {
    List<ResourceState> rs = new ArrayList<>();
    for (ResourceState r : state.resources()) {
      if (!address.sameResource(r)) {
        rs.add(r);
        continue;
      }
      rs.add(r.withInstances(r.instances().stream()
          .map(i -> i.deposed() == null && address.sameKey(i) ? edit.apply(i) : i).toList()));
    }
    return state.withContent(state.outputs(), rs);
  }

  /** The current instance at the address, or null. */
  public static InstanceState find(StateFile state, StateAddress address) {
    for (ResourceState r : state.resources()) {
      if (address.sameResource(r)) {
        for (InstanceState i : r.instances()) {
          if (i.deposed() == null && address.sameKey(i)) {
            return i;
          }
        }
      }
    }
    return null;
  }

  private static boolean isNoKey(InstanceState i) {
    return i.indexKey() == null || i.indexKey().isNull();
  }

  private static int indexOf(List<ResourceState> rs, StateAddress a) {
    for (int k = 0; k < rs.size(); k++) {
      if (a.sameResource(rs.get(k)) && !rs.get(k).instances().isEmpty()) {
        return k;
      }
    }
    return -1;
  }

  private static String mod(ResourceState r) {
    return r.module() == null ? "" : r.module();
  }

  private static boolean inModule(ResourceState r, String module) {
    String m = mod(r);
    return m.equals(module) || m.startsWith(module + ".") || m.startsWith(module + "[");
  }

  private static BackendException invalidSource(StateAddress src) {
    return new BackendException("Invalid source address",
        "Cannot move " + src + ": does not match anything in the current state.");
  }

  private static BackendException invalidTarget(String detail) {
    return new BackendException("Invalid target address", detail);
  }
}
