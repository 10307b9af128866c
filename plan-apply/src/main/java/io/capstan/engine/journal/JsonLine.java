package io.capstan.engine.journal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes a JSON tree as one compact line, the text {@code ObjectMapper.writeValueAsString} gives
 * for it (the same generator, the same calls per node type), without an {@code ObjectMapper}:
 * its class initialisation (Jackson's date format, a calendar, the JDK's locale tables, some 300
 * classes) costs a cold JVM about a tenth of a second of CPU, and an apply otherwise needs one
 * only to write journal lines.
 *
 * <p>{@link #text} and {@link #readTree} serve the engine's other uses of JSON trees the same way
 * (a state's outputs, the outputs printed after an apply): without them, a plan, apply or destroy
 * of a configuration with outputs initialised an {@code ObjectMapper} (databind's ~600 classes),
 * which also kept those classes out of bin/capstan's engine class-data archive's reach.
 */
public final class JsonLine {
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonLine() {
    }

    /** The compact JSON text of {@code node}: what {@code node.toString()} gives, without an {@code ObjectMapper} for plain trees. */
    public static String text(JsonNode node) {
        try {
            String text = write(node);
            return text != null ? text : node.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The tree a default {@code ObjectMapper}'s {@code readTree} gives for one JSON value (the
     * same node types: int, long or big-integer nodes for integers by size, double nodes for
     * other numbers), without an {@code ObjectMapper}. Text after the value is an error.
     */
    public static JsonNode readTree(String json) throws IOException {
        try (JsonParser p = FACTORY.createParser(json)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new IOException("no JSON value in the text");
            }
            JsonNode n = read(p, t);
            if (p.nextToken() != null) {
                throw new IOException("text after the JSON value");
            }
            return n;
        }
    }

    private static JsonNode read(JsonParser p, JsonToken t) throws IOException {
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (t) {
            case START_OBJECT: {
                ObjectNode o = f.objectNode();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    String name = p.currentName();
                    o.set(name, read(p, p.nextToken()));
                }
                return o;
            }
            case START_ARRAY: {
                ArrayNode a = f.arrayNode();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    a.add(read(p, e));
                }
                return a;
            }
            case VALUE_STRING:
                return f.textNode(p.getText());
            case VALUE_NUMBER_INT:
                switch (p.getNumberType()) {
                    case INT:
                        return f.numberNode(p.getIntValue());
                    case LONG:
                        return f.numberNode(p.getLongValue());
                    default:
                        return f.numberNode(p.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT:
                return f.numberNode(p.getDoubleValue());
            case VALUE_TRUE:
                return f.booleanNode(true);
            case VALUE_FALSE:
                return f.booleanNode(false);
            case VALUE_NULL:
                return f.nullNode();
            default:
                throw new IOException("unexpected JSON token " + t);
        }
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
