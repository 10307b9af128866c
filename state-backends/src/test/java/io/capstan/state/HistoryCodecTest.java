package io.capstan.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** History entries keep the bytes they had when an ObjectMapper wrote them, and read back whole. */
class HistoryCodecTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HistoryEntry A = new HistoryEntry(7, "4b1c-\"lineage\"", Instant.parse("2026-11-28T08:40:01.123456Z"),
            "me@host \u00e9 \\ /", 100, 123456789012L);
    private static final HistoryEntry B = new HistoryEntry(Long.MAX_VALUE, "", Instant.EPOCH, "", 0, 0);

    @Test
    void anEntryIsWrittenAsObjectMapperWroteItsTree() throws Exception {
        for (HistoryEntry e : List.of(A, B)) {
            assertArrayEquals(MAPPER.writeValueAsBytes(HistoryCodec.toNode(e)), HistoryCodec.toJson(e),
                    new String(HistoryCodec.toJson(e), StandardCharsets.UTF_8));
            assertEquals(e, HistoryCodec.fromJson(HistoryCodec.toJson(e)));
        }
    }

    @Test
    void anIndexIsWrittenAsObjectMapperWroteItsTree() throws Exception {
        ArrayNode a = MAPPER.createArrayNode();
        a.add(HistoryCodec.toNode(A));
        a.add(HistoryCodec.toNode(B));
        assertArrayEquals(MAPPER.writeValueAsBytes(a), HistoryCodec.indexToJson(List.of(A, B)));
        assertEquals(List.of(A, B), HistoryCodec.indexFromJson(HistoryCodec.indexToJson(List.of(A, B))));
        assertEquals("[]", new String(HistoryCodec.indexToJson(List.of()), StandardCharsets.UTF_8));
        assertEquals(List.of(), HistoryCodec.indexFromJson(new byte[0]));
    }

    @Test
    void damagedJsonIsAStateException() {
        StateException e = assertThrows(StateException.class,
                () -> HistoryCodec.fromJson("{\"serial\":".getBytes(StandardCharsets.UTF_8)));
        assertEquals(true, e.getMessage().startsWith("damaged history entry: Unexpected end-of-input"), e.getMessage());
    }
}
