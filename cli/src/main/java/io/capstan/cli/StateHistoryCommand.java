package io.capstan.cli;

import io.capstan.cli.state.StateAccess;
import io.capstan.engine.state.GoJson;
import io.capstan.state.HistoryEntry;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code capstan state history}: the kept versions of the selected workspace's state, newest
 * first (serial, time, who wrote it, resource count), as every backend keeps them; the input of
 * {@code state rollback}. Capstan's own command.
 */
@Command(name = "history", description = "List the kept versions of the state")
public final class StateHistoryCommand extends StateCommandBase {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
      .withZone(ZoneOffset.UTC);

  @Option(names = "--json", description = "Print the versions as a JSON array.")
  boolean json;

  @Override
  int run() {
    List<HistoryEntry> entries;
    String workspace;
    try (StateAccess access = openState("")) {
      entries = access.backend().history(access.workspace());
      workspace = access.workspace();
    }
    if (json) {
      var arr = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
      for (HistoryEntry e : entries) {
        var o = arr.addObject();
        o.put("serial", e.serial());
        o.put("lineage", e.lineage());
        o.put("time", e.time().toString());
        o.put("who", e.who());
        o.put("resources", e.resources());
        o.put("size", e.size());
      }
      term.out().println(GoJson.indent(arr));
      return 0;
    }
    if (entries.isEmpty()) {
      term.out().println("No state versions are kept for workspace \"" + workspace + "\".");
      return 0;
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"SERIAL", "TIME", "WHO", "RESOURCES", ""});
    for (int k = 0; k < entries.size(); k++) {
      HistoryEntry e = entries.get(k);
      rows.add(new String[] {Long.toString(e.serial()), TIME.format(e.time()), e.who(), Integer.toString(e.resources()),
          k == 0 ? "(current)" : ""});
    }
    int[] w = new int[5];
    for (String[] r : rows) {
      for (int c = 0; c < 5; c++) {
        w[c] = Math.max(w[c], r[c].length());
      }
    }
    for (String[] r : rows) {
      String line = String.format("%" + w[0] + "s  %-" + w[1] + "s  %-" + w[2] + "s  %" + w[3] + "s  %s",
          r[0], r[1], r[2], r[3], r[4]);
      term.out().println(line.stripTrailing());
    }
    return 0;
  }
}
