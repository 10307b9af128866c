package io.capstan.graph.addrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The keys' written-out equals and hashCode behave as the generated record methods did, values
 * included (hash-ordered collections of keys iterate as before).
 */
class InstanceKeyTest {
    private record GeneratedInt(int index) {
    }

    private record GeneratedStr(String key) {
    }

    private record GeneratedNone() {
    }

    @Test
    void hashCodesAreTheGeneratedOnes() {
        for (int i : new int[] {0, 1, 7, 999, -3, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            assertEquals(new GeneratedInt(i).hashCode(), new InstanceKey.Int(i).hashCode());
        }
        for (String k : List.of("", "blue", "ü-é", "a\"b")) {
            assertEquals(new GeneratedStr(k).hashCode(), new InstanceKey.Str(k).hashCode());
        }
        assertEquals(new GeneratedNone().hashCode(), InstanceKey.NONE.hashCode());
    }

    @Test
    void equalityIsByKindAndValue() {
        assertEquals(new InstanceKey.Int(3), new InstanceKey.Int(3));
        assertNotEquals(new InstanceKey.Int(3), new InstanceKey.Int(4));
        assertEquals(new InstanceKey.Str("a"), new InstanceKey.Str("a"));
        assertNotEquals(new InstanceKey.Str("a"), new InstanceKey.Str("b"));
        assertNotEquals(new InstanceKey.Str("0"), new InstanceKey.Int(0));
        assertNotEquals(new InstanceKey.Int(0), new InstanceKey.Str("0"));
        assertNotEquals(InstanceKey.NONE, new InstanceKey.Int(0));
        assertNotEquals(new InstanceKey.Int(0), InstanceKey.NONE);
        assertNotEquals(new InstanceKey.Int(0), null);
        assertNotEquals(new InstanceKey.Str("x"), null);
    }
}
