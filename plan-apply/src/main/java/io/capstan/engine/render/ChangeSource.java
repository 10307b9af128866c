package io.capstan.engine.render;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A plan's {@code resource_changes} as {@link PlanRenderer} reads them: the entries one at a time, so
 * that a plan built in this process need not be held as one JSON tree while it renders (each entry is
 * made when asked for and dropped once shown). Entries are asked for more than once, in any order.
 */
public interface ChangeSource {
    /** How many entries there are. */
    int size();

    /**
     * Entry {@code i} with at least its {@code address}, {@code deposed}, {@code previous_address},
     * {@code mode} and {@code change.actions}/{@code change.importing}: what choosing and ordering
     * the changes to show reads.
     */
    JsonNode header(int i);

    /** Entry {@code i} whole, as in the JSON plan's {@code resource_changes}. */
    JsonNode change(int i);

    /** The entries of a JSON plan's {@code resource_changes} array (missing: none). */
    static ChangeSource of(JsonNode resourceChanges) {
        return new ChangeSource() {
            @Override
            public int size() {
                return resourceChanges.size();
            }

            @Override
            public JsonNode header(int i) {
                return resourceChanges.get(i);
            }

            @Override
            public JsonNode change(int i) {
                return resourceChanges.get(i);
            }
        };
    }
}
