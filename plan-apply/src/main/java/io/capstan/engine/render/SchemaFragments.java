package io.capstan.engine.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** Builds small schema fragments the differ needs on the fly (a single-nested type). */
final class SchemaFragments {
    private SchemaFragments() {
    }

    static ObjectNode single(Map<String, JsonNode> attrs) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("nesting_mode", "single");
        ObjectNode a = n.putObject("attributes");
        attrs.forEach(a::set);
        return n;
    }
}
