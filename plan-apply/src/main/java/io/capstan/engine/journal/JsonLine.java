package io.capstan.engine.journal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes a JSON tree as one compact line, the text {@code ObjectMapper.writeValueAsString} gives
 * for it (the same generator, the same calls per node type), without an {@code ObjectMapper}:
 * its class initialisation (Jackson's date format, a calendar, the JDK's locale tables, some 300
 * classes) costs a cold JVM about a tenth of a second of CPU, and an apply otherwise needs one
 * only to write journal lines.
 */
final class JsonLine {
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonLine() {
    }

    /** The compact JSON text of {@code node}, or null when it holds a node this writer does not know (a POJO). */
    static String write(JsonNode node) throws IOException {
        if (!plain(node)) {
            return null;
        }
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(node, g);
        }
        return out.toString();
    }

    private static boolean plain(JsonNode n) {
        switch (n.getNodeType()) {
            case OBJECT:
            case ARRAY:
                for (JsonNode c : n) {
                    if (!plain(c)) {
                        return false;
                    }
                }
                return true;
            case STRING:
            case NUMBER:
            case BOOLEAN:
            case NULL:
                return true;
            default:
                return false; // BINARY, POJO, MISSING: left to ObjectMapper
        }
    }

    private static void write(JsonNode n, JsonGenerator g) throws IOException {
        switch (n.getNodeType()) {
            case OBJECT:
                g.writeStartObject();
                for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    g.writeFieldName(e.getKey());
                    write(e.getValue(), g);
                }
                g.writeEndObject();
                break;
            case ARRAY:
                g.writeStartArray();
                for (JsonNode c : n) {
                    write(c, g);
                }
                g.writeEndArray();
                break;
            case STRING:
                g.writeString(n.textValue());
                break;
            case BOOLEAN:
                g.writeBoolean(n.booleanValue());
                break;
            case NULL:
                g.writeNull();
                break;
            case NUMBER:
                number(n, g);
                break;
            default:
                throw new IllegalStateException("not a plain JSON node: " + n.getNodeType());
        }
    }

    private static void number(JsonNode n, JsonGenerator g) throws IOException {
        switch (n.numberType()) {
            case INT:
                if (n.isShort()) {
                    g.writeNumber(n.shortValue());
                } else {
                    g.writeNumber(n.intValue());
                }
                break;
            case LONG:
                g.writeNumber(n.longValue());
                break;
            case BIG_INTEGER:
                g.writeNumber(n.bigIntegerValue());
                break;
            case FLOAT:
                g.writeNumber(n.floatValue());
                break;
            case DOUBLE:
                g.writeNumber(n.doubleValue());
                break;
            case BIG_DECIMAL:
                g.writeNumber(n.decimalValue());
                break;
            default:
                throw new IllegalStateException("unknown number type " + n.numberType());
        }
    }
}
