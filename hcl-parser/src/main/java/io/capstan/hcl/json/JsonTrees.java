package io.capstan.hcl.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * Reads a JSON text into a tree, the tree that {@code new ObjectMapper().readTree} gives (the
 * same parser, the same node per token; a repeated key keeps its first position and the last
 * value; no content gives a missing node; text after the first value is ignored), without an
 * ObjectMapper: its class initialisation (Jackson's date format, a calendar and the JDK's locale
 * tables) cost every cold run that reads a state or writes its history about 0.05 s of CPU, a
 * quarter of a 100-resource no-change plan's own work. With {@code exactNumbers}, numbers are
 * read as an ObjectMapper with {@code USE_BIG_INTEGER_FOR_INTS} and
 * {@code USE_BIG_DECIMAL_FOR_FLOATS} reads them (BigInteger nodes; BigDecimal nodes with
 * trailing zeros stripped, as the default node factory has them); without, as a default one
 * (int, long or BigInteger nodes by size; double nodes). {@code JsonTreesTest} compares the
 * trees with ObjectMapper's on the same texts.
 *
 * <p>The one such reader of the build: state files (plan-apply's {@code StateCodec}, exact
 * numbers), history entries (state-backends' {@code HistoryCodec}) and type JSON
 * ({@code TypeJson}) read through it. It lives here, in the module every other one can depend on.
 */
public final class JsonTrees {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final boolean exactNumbers;

    private JsonTrees(boolean exactNumbers) {
        this.exactNumbers = exactNumbers;
    }

    public static JsonNode read(byte[] json, boolean exactNumbers) throws IOException {
        try (JsonParser p = FACTORY.createParser(json)) {
            return new JsonTrees(exactNumbers).root(p);
        }
    }

    public static JsonNode read(String json, boolean exactNumbers) throws IOException {
        try (JsonParser p = FACTORY.createParser(json)) {
            return new JsonTrees(exactNumbers).root(p);
        }
    }

    /** A JSON generator on {@code out} from the same factory (no ObjectMapper either). */
    public static JsonGenerator generator(java.io.OutputStream out) throws IOException {
        return FACTORY.createGenerator(out);
    }

    /** A JSON generator on {@code out} from the same factory (no ObjectMapper either). */
    public static JsonGenerator generator(java.io.Writer out) throws IOException {
        return FACTORY.createGenerator(out);
    }

    private JsonNode root(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        return t == null ? NODES.missingNode() : value(p, t);
    }

    private JsonNode value(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT: {
                ObjectNode o = NODES.objectNode();
                for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                    o.replace(name, value(p, p.nextToken()));
                }
                return o;
            }
            case START_ARRAY: {
                ArrayNode a = NODES.arrayNode();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    a.add(value(p, e));
                }
                return a;
            }
            case VALUE_STRING:
                return NODES.textNode(p.getText());
            case VALUE_NUMBER_INT:
                if (exactNumbers) {
                    return NODES.numberNode(p.getBigIntegerValue());
                }
                switch (p.getNumberType()) {
                    case INT:
                        return NODES.numberNode(p.getIntValue());
                    case LONG:
                        return NODES.numberNode(p.getLongValue());
                    default:
                        return NODES.numberNode(p.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT:
                if (exactNumbers) {
                    return decimal(p.getDecimalValue());
                }
                return p.getNumberTypeFP() == JsonParser.NumberTypeFP.FLOAT32 ? NODES.numberNode(p.getFloatValue())
                        : NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                // the parser reports malformed text itself; any other token here is a bug
                throw new IllegalStateException("unexpected JSON token " + t);
        }
    }

    private static JsonNode decimal(BigDecimal d) {
        BigDecimal v = d;
        try {
            v = d.stripTrailingZeros();
        } catch (ArithmeticException e) {
            // an exponent out of range: kept as written, as Jackson keeps it
        }
        return NODES.numberNode(v);
    }
}
