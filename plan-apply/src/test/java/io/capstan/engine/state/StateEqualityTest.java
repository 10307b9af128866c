package io.capstan.engine.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The written-out equals of the state records compares every component, as a record's own does. */
class StateEqualityTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private static InstanceState inst(Object... changes) {
        List<Object> c = new ArrayList<>(List.of(F.numberNode(0), "", "", 1L, F.objectNode().put("id", "x"),
                F.arrayNode(), "", List.of("a.b"), false));
        for (int i = 0; i < changes.length; i += 2) {
            c.set((Integer) changes[i], changes[i + 1]);
        }
        return new InstanceState((com.fasterxml.jackson.databind.JsonNode) c.get(0), (String) c.get(1), (String) c.get(2),
                (Long) c.get(3), (com.fasterxml.jackson.databind.JsonNode) c.get(4),
                (com.fasterxml.jackson.databind.JsonNode) c.get(5), (String) c.get(6), castList(c.get(7)), (Boolean) c.get(8));
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(Object o) {
        return (List<String>) o;
    }

    @Test
    void instancesDifferInAnyComponent() {
        assertEquals(inst(), inst());
        assertEquals(inst().hashCode(), inst().hashCode());
        assertEquals(inst(1, null, 2, null, 6, null), inst(1, null, 2, null, 6, null));
        Object[][] changes = {{0, F.numberNode(1)}, {0, null}, {1, "tainted"}, {1, null}, {2, "0000abcd"}, {3, 2L},
            {4, F.objectNode().put("id", "y")}, {5, F.arrayNode().add("x")}, {6, "cHJpdg=="}, {7, List.of()}, {8, true}};
        for (Object[] ch : changes) {
            assertNotEquals(inst(), inst(ch), "component " + ch[0]);
            assertNotEquals(inst(ch), inst(), "component " + ch[0]);
        }
    }

    @Test
    void resourcesOutputsAndStatesDifferInAnyComponent() {
        ResourceState r = new ResourceState(null, "managed", "terraform_data", "a", "p", List.of(inst()));
        assertEquals(r, new ResourceState(null, "managed", "terraform_data", "a", "p", List.of(inst())));
        for (ResourceState other : List.of(new ResourceState("module.m", "managed", "terraform_data", "a", "p", List.of(inst())),
                new ResourceState(null, "data", "terraform_data", "a", "p", List.of(inst())),
                new ResourceState(null, "managed", "null_resource", "a", "p", List.of(inst())),
                new ResourceState(null, "managed", "terraform_data", "b", "p", List.of(inst())),
                new ResourceState(null, "managed", "terraform_data", "a", "q", List.of(inst())),
                r.withInstances(List.of(inst(3, 5L))))) {
            assertNotEquals(r, other, other.toString());
            assertNotEquals(other, r, other.toString());
        }
        OutputState o = new OutputState(TextNode.valueOf("v"), TextNode.valueOf("string"), false);
        assertEquals(o, new OutputState(TextNode.valueOf("v"), TextNode.valueOf("string"), false));
        assertNotEquals(o, new OutputState(TextNode.valueOf("w"), TextNode.valueOf("string"), false));
        assertNotEquals(o, new OutputState(TextNode.valueOf("v"), TextNode.valueOf("number"), false));
        assertNotEquals(o, new OutputState(TextNode.valueOf("v"), TextNode.valueOf("string"), true));

        StateFile s = new StateFile("1.11.4", 3, "lin", Map.of("o", o), List.of(r), null);
        assertEquals(s, new StateFile("1.11.4", 3, "lin", Map.of("o", o), List.of(r), null));
        assertEquals(s.hashCode(), new StateFile("1.11.4", 3, "lin", Map.of("o", o), List.of(r), null).hashCode());
        for (StateFile other : List.of(new StateFile("1.10.0", 3, "lin", Map.of("o", o), List.of(r), null),
                new StateFile("1.11.4", 4, "lin", Map.of("o", o), List.of(r), null),
                new StateFile("1.11.4", 3, "other", Map.of("o", o), List.of(r), null),
                new StateFile("1.11.4", 3, "lin", Map.of(), List.of(r), null),
                new StateFile("1.11.4", 3, "lin", Map.of("o", o), List.of(), null),
                new StateFile("1.11.4", 3, "lin", Map.of("o", o), List.of(r), F.arrayNode()))) {
            assertNotEquals(s, other, other.toString());
            assertNotEquals(other, s, other.toString());
        }
        assertNotEquals(s, "not a state");
    }
}
