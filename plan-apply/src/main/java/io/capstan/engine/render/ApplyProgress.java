package io.capstan.engine.render;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * The human apply output as Terraform prints it: one line per progress event
 * ({@code addr: Creating...}, {@code Still creating... [10s elapsed]},
 * {@code Creation complete after 2s [id=...]}), the final {@code Apply complete!} or
 * {@code Destroy complete!} summary and the {@code Outputs:} block, bold/green when colour is
 * on. Every method returns the exact text including its trailing newline; nothing is printed.
 */
public final class ApplyProgress {
    private final Colorize colorize;

    public ApplyProgress(boolean color) {
        this.colorize = new Colorize(color);
    }

    private static String id(String idKey, String idValue) {
        return idKey == null || idKey.isEmpty() ? "" : " [" + idKey + "=" + idValue + "]";
    }

    /** {@code action} is the UI action name: create, update, delete, read, replace, remove. */
    public String starting(UiResource r, String action, String idKey, String idValue) {
        return starting(r, null, action, idKey, idValue);
    }

    /** The address as shown, with {@code (deposed object KEY)} for a deposed object. */
    private static String display(UiResource r, String deposed) {
        return deposed == null || deposed.isEmpty() ? r.addr() : r.addr() + " (deposed object " + deposed + ")";
    }

    /** As {@link #starting(UiResource, String, String, String)}, for a deposed object when {@code deposed} is set. */
    public String starting(UiResource r, String deposed, String action, String idKey, String idValue) {
        return colorize.color("[reset][bold]" + display(r, deposed) + ": " + ApplyVerbs.start(action) + "..." + id(idKey, idValue)
                + "[reset]") + "\n";
    }

    public String stillRunning(UiResource r, String action, String idKey, String idValue, long elapsedSeconds) {
        return stillRunning(r, null, action, idKey, idValue, elapsedSeconds);
    }

    public String stillRunning(UiResource r, String deposed, String action, String idKey, String idValue, long elapsedSeconds) {
        String idPart = idKey == null || idKey.isEmpty() ? "" : idKey + "=" + idValue + ", ";
        return colorize.color("[reset][bold]" + display(r, deposed) + ": Still " + ApplyVerbs.progress(action) + "... ["
                + idPart + ApplyVerbs.duration(elapsedSeconds) + " elapsed][reset]") + "\n";
    }

    /** Terraform names a deposed object when it starts destroying it, not when it finishes. */
    public String complete(UiResource r, String action, String idKey, String idValue, long elapsedSeconds) {
        return colorize.color("[reset][bold]" + r.addr() + ": " + ApplyVerbs.noun(action) + " complete after "
                + ApplyVerbs.duration(elapsedSeconds) + id(idKey, idValue)) + "\n";
    }

    /** {@code addr: Preparing import... [id=x]}, before an import block's object is read. */
    public String preparingImport(UiResource r, String idKey, String idValue) {
        return colorize.color("[reset][bold]" + r.addr() + ": Preparing import..." + id(idKey, idValue)) + "\n";
    }

    /** {@code addr: Importing... [id=x]}, when applying an import (the import id). */
    public String importing(UiResource r, String importId) {
        return colorize.color("[reset][bold]" + r.addr() + ": Importing... [id=" + importId + "]") + "\n";
    }

    /** {@code addr: Import complete [id=x]}, after applying an import (the import id). */
    public String imported(UiResource r, String importId) {
        return colorize.color("[reset][bold]" + r.addr() + ": Import complete [id=" + importId + "]") + "\n";
    }

    public String refreshing(UiResource r, String idKey, String idValue) {
        return colorize.color("[reset][bold]" + r.addr() + ": Refreshing state..." + id(idKey, idValue)) + "\n";
    }

    public String provisioning(UiResource r, String provisioner) {
        return colorize.color("[reset][bold]" + r.addr() + ": Provisioning with '" + provisioner + "'...[reset]") + "\n";
    }

    public String provisionOutput(UiResource r, String provisioner, String line) {
        return colorize.color("[reset][bold]" + r.addr() + " (" + provisioner + "):[reset] ") + line + "\n";
    }

    /** {@code Apply complete! Resources: 1 added, 0 changed, 0 destroyed.} (with imports when any). */
    public String applySummary(int added, int changed, int destroyed, int imported) {
        String counts = imported > 0
                ? imported + " imported, " + added + " added, " + changed + " changed, " + destroyed + " destroyed."
                : added + " added, " + changed + " changed, " + destroyed + " destroyed.";
        return colorize.color("[reset][bold][green]\nApply complete! Resources: " + counts + "\n");
    }

    /** {@code Destroy complete! Resources: N destroyed.} as {@code terraform destroy} ends. */
    public String destroySummary(int destroyed) {
        return colorize.color("[reset][bold][green]\nDestroy complete! Resources: " + destroyed + " destroyed.\n");
    }

    /**
     * The {@code Outputs:} block from root outputs in the state's form
     * ({@code {"name": {"value":..., "type":..., "sensitive":...}}}); empty when there are none.
     */
    public String outputs(JsonNode outputs) {
        Map<String, JsonNode> sorted = new TreeMap<>();
        outputs.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue()));
        if (sorted.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder(colorize.color("[reset][bold][green]\nOutputs:\n\n"));
        sorted.forEach((name, ov) -> {
            if (ov.path("sensitive").asBoolean(false)) {
                b.append(name).append(" = <sensitive>\n");
            } else {
                b.append(name).append(" = ").append(ValueFormat.format(ov.get("type"), ov.get("value"), 0)).append('\n');
            }
        });
        return b.toString();
    }
}
