package io.capstan.engine.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capstan.hcl.diag.Result;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@link StateCodec#write} encodes the state straight to UTF-8 bytes in blocks: the bytes must be those of
 * the indented text (Go's quoting through {@code ValueJson.quote}) plus a newline, whatever the strings
 * hold and wherever a block ends.
 */
class StateBytesTest {
    /** Strings that take every path of the byte quoting: plain, escaped, HTML-escaped, non-ASCII, surrogates. */
    private static final String[] TRICKY = {
        "plain", "", "quote \" and back\\slash", "tab\tnew\nline\rcr\bbs\ffeed", "ctl \u0001\u001f del \u007f",
        "<html> & </html>", "line\u2028para\u2029", "caf\u00e9 \u65e5\u672c", "emoji \ud83d\ude00 end",
        "\u00e9 first", "last \u00e9",
    };

    private static String state(int instances) {
        StringBuilder attrs = new StringBuilder();
        for (int i = 0; i < TRICKY.length; i++) {
            attrs.append(i == 0 ? "" : ",").append("\"a").append(i).append("\":")
                    .append(GoJson.quote(TRICKY[i]));
        }
        // lone surrogates, as JSON escapes (a Java string's own would not survive its UTF-8 encoding here)
        attrs.append(",\"lone1\":\"lone \\ud800 high\",\"lone2\":\"lone \\udc00 low\"");
        StringBuilder sb = new StringBuilder("{\"version\":4,\"terraform_version\":\"1.11.4\",\"serial\":3,"
                + "\"lineage\":\"l\",\"outputs\":{\"o<\u00e9>\":{\"value\":\"v \ud83d\ude00\",\"type\":\"string\"}},"
                + "\"resources\":[{\"mode\":\"managed\",\"type\":\"terraform_data\",\"name\":\"r\","
                + "\"provider\":\"provider[\\\"terraform.io/builtin/terraform\\\"]\",\"instances\":[");
        for (int i = 0; i < instances; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"index_key\":").append(i)
                    .append(",\"schema_version\":0,\"attributes\":{").append(attrs)
                    .append(",\"n\":").append(i).append(".5,\"ok\":true,\"none\":null,\"list\":[1,[],{}]}")
                    .append(",\"sensitive_attributes\":[]}");
        }
        return sb.append("]}],\"check_results\":null}").toString();
    }

    private static StateFile read(String json) {
        Result<StateFile> r = StateCodec.read(json.getBytes(StandardCharsets.UTF_8));
        assertFalse(r.hasErrors(), r.diagnostics().toString());
        return r.value();
    }

    @Test
    void bytesAreTheIndentedTextInUtf8AcrossManyBlocks() {
        for (int n : new int[] {0, 1, 7, 300}) { // 300 instances: about 160 KB, ten blocks and a part
            StateFile s = read(state(n));
            byte[] expected = (GoJson.indent(StateCodec.toJson(s)) + "\n").getBytes(StandardCharsets.UTF_8);
            assertArrayEquals(expected, StateCodec.write(s), "instances: " + n);
        }
    }

    @Test
    void goQuotingInTheBytes() {
        String text = new String(StateCodec.write(read(state(1))), StandardCharsets.UTF_8);
        assertTrue(text.contains("\"a5\": \"\\u003chtml\\u003e \\u0026 \\u003c/html\\u003e\""), text);
        assertTrue(text.contains("\"a6\": \"line\\u2028para\\u2029\""), text);
        assertTrue(text.contains("\"a7\": \"caf\u00e9 \u65e5\u672c\""), text);
        assertTrue(text.contains("\"a8\": \"emoji \ud83d\ude00 end\""), text);
        assertTrue(text.contains("\"a4\": \"ctl \\u0001\\u001f del \u007f\""), text);
        assertTrue(text.contains("\"o\\u003c\u00e9\\u003e\": {"), text);
        assertTrue(text.endsWith("}\n"));
        // written, read and written again: the same bytes
        byte[] once = StateCodec.write(read(state(40)));
        assertArrayEquals(once, StateCodec.write(read(new String(once, StandardCharsets.UTF_8))));
        assertEquals('\n', once[once.length - 1]);
    }
}
