package io.capstan.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * History entries as JSON, written and read without an ObjectMapper: the text is byte for byte
 * what the ObjectMapper tree HistoryCodec used to build gave (so entries written before read the
 * same, and remote indexes compare equal), and reading is as lenient as that tree's
 * {@code asLong}/{@code asText} were.
 */
class HistoryCodecTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HistoryEntry A = new HistoryEntry(7, "d70bc97c-9f3d", Instant.parse("2026-11-28T08:00:01.123456Z"),
            "ci@\"host\"\n", 12, 40_000_000_000L);
    private static final HistoryEntry B = new HistoryEntry(6, "", Instant.EPOCH, "", 0, 0);

    /** The tree the ObjectMapper-based codec built for an entry. */
    private static ObjectNode tree(HistoryEntry e) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("serial", e.serial());
        n.put("lineage", e.lineage());
        n.put("time", e.time().toString());
        n.put("who", e.who());
        n.put("resources", e.resources());
        n.put("size", e.size());
        return n;
    }

    @Test
    void entryTextIsWhatTheObjectMapperWrote() throws Exception {
        assertThat(HistoryCodec.toJson(A)).isEqualTo(MAPPER.writeValueAsBytes(tree(A)));
        assertThat(HistoryCodec.fromJson(HistoryCodec.toJson(A))).isEqualTo(A);
        assertThat(HistoryCodec.fromJson(HistoryCodec.toJson(B))).isEqualTo(B);
    }

    @Test
    void indexTextIsWhatTheObjectMapperWrote() throws Exception {
        ArrayNode a = MAPPER.createArrayNode();
        a.add(tree(A));
        a.add(tree(B));
        assertThat(HistoryCodec.indexToJson(List.of(A, B))).isEqualTo(MAPPER.writeValueAsBytes(a));
        assertThat(HistoryCodec.indexFromJson(HistoryCodec.indexToJson(List.of(A, B)))).containsExactly(A, B);
        assertThat(HistoryCodec.indexToJson(List.of())).asString(StandardCharsets.UTF_8).isEqualTo("[]");
        assertThat(HistoryCodec.indexFromJson(new byte[0])).isEmpty();
        assertThat(HistoryCodec.indexFromJson(null)).isEmpty();
    }

    @Test
    void readsLenientlyAsTheTreeDid() {
        HistoryEntry e = HistoryCodec.fromJson(("{\"serial\":\"9\",\"extra\":{\"x\":[1,2]},\"lineage\":null,"
                + "\"who\":5,\"resources\":[1],\"size\":true}").getBytes(StandardCharsets.UTF_8));
        assertThat(e).isEqualTo(new HistoryEntry(9, "", Instant.EPOCH, "5", 0, 1));
        assertThat(HistoryCodec.fromJson("[1]".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new HistoryEntry(0, "", Instant.EPOCH, "", 0, 0));
        assertThat(HistoryCodec.indexFromJson("{\"serial\":1}".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void damagedJsonIsAStateException() {
        assertThatThrownBy(() -> HistoryCodec.fromJson("{\"serial\":1".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(StateException.class).hasMessageStartingWith("damaged history entry: ");
        assertThatThrownBy(() -> HistoryCodec.indexFromJson("[{\"serial\":1}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(StateException.class).hasMessageStartingWith("damaged history index: ");
    }
}
