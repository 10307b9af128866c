package io.capstan.hcl.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.capstan.hcl.ast.JsonValue;
import io.capstan.hcl.body.File;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Pos;
import io.capstan.hcl.diag.Result;
import io.capstan.hcl.diag.SourceRange;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the HCL JSON syntax ({@code .tf.json}): a JSON document whose root is an object,
 * kept as a {@link JsonValue} tree with exact ranges, and exposed as a {@link JsonBody}
 * whose meaning is decided by the schema it is decoded with.
 */
public final class JsonParser {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(1000).build())
            .build();

    private final byte[] src;
    private final String filename;
    private final int[] lineStarts;

    private JsonParser(byte[] src, String filename) {
        this.src = src;
        this.filename = filename;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < src.length; i++) {
            if (src[i] == '\n') {
                starts.add(i + 1);
            }
        }
        lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Parses a whole {@code .tf.json} file. */
    public static Result<File> parse(byte[] src, String filename) {
        Diagnostics diags = new Diagnostics();
        JsonParser p = new JsonParser(src, filename);
        JsonValue root = p.parseValue(diags);
        SourceRange start = new SourceRange(filename, Pos.START, Pos.START);
        JsonValue.Obj obj;
        if (root instanceof JsonValue.Obj o) {
            obj = o;
        } else {
            if (root != null) {
                diags.add(Diagnostic.error("Root value must be object",
                        "The root value in a JSON-based configuration must be a JSON object.", root.range()));
            }
            obj = new JsonValue.Obj(List.of(), start, start);
        }
        return new Result<>(new File(filename, src, new JsonBody(obj)), diags);
    }

    /** Parses a single JSON value (e.g. a variable value given as JSON). */
    public static Result<JsonValue> parseValue(byte[] src, String filename) {
        Diagnostics diags = new Diagnostics();
        JsonValue v = new JsonParser(src, filename).parseValue(diags);
        return new Result<>(v, diags);
    }

    private JsonValue parseValue(Diagnostics diags) {
        try (com.fasterxml.jackson.core.JsonParser jp = FACTORY.createParser(src)) {
            JsonToken t = jp.nextToken();
            if (t == null) {
                diags.add(Diagnostic.error("Empty JSON value", "A JSON value must start with a brace, a bracket, a "
                        + "number, a string, or a keyword.", range(src.length, src.length)));
                return null;
            }
            JsonValue v = value(jp, t);
            JsonToken extra = jp.nextToken();
            if (extra != null) {
                int off = (int) jp.currentTokenLocation().getByteOffset();
                diags.add(Diagnostic.error("Extraneous data after value", "Extra characters appear after the JSON value.",
                        range(off, off + 1)));
            }
            return v;
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            int off = loc == null ? 0 : (int) Math.max(0, Math.min(src.length, loc.getByteOffset()));
            diags.add(Diagnostic.error("Invalid JSON syntax", e.getOriginalMessage(),
                    range(off, Math.min(src.length, off + 1))));
            return null;
        } catch (IOException e) {
            throw new IllegalStateException("reading from a byte array", e);
        }
    }

    private JsonValue value(com.fasterxml.jackson.core.JsonParser jp, JsonToken t) throws IOException {
        int start = (int) jp.currentTokenLocation().getByteOffset();
        switch (t) {
            case START_OBJECT -> {
                List<JsonValue.Prop> props = new ArrayList<>();
                JsonToken n;
                while ((n = jp.nextToken()) == JsonToken.FIELD_NAME) {
                    int ns = (int) jp.currentTokenLocation().getByteOffset();
                    String name = jp.currentName();
                    int ne = (int) jp.currentLocation().getByteOffset();
                    SourceRange nameRange = range(ns, Math.max(ns + 1, nameEnd(ns, ne)));
                    JsonValue v = value(jp, jp.nextToken());
                    props.add(new JsonValue.Prop(name, nameRange, v));
                }
                int end = (int) jp.currentTokenLocation().getByteOffset() + 1;
                return new JsonValue.Obj(props, range(start, end), range(start, start + 1));
            }
            case START_ARRAY -> {
                List<JsonValue> items = new ArrayList<>();
                JsonToken n;
                while ((n = jp.nextToken()) != JsonToken.END_ARRAY) {
                    items.add(value(jp, n));
                }
                int end = (int) jp.currentTokenLocation().getByteOffset() + 1;
                return new JsonValue.Arr(items, range(start, end), range(start, start + 1));
            }
            case VALUE_STRING -> {
                String s = jp.getText();
                return new JsonValue.Str(s, range(start, (int) jp.currentLocation().getByteOffset()));
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                String text = jp.getText();
                return new JsonValue.Num(new BigDecimal(text), range(start, (int) jp.currentLocation().getByteOffset()));
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new JsonValue.Bool(t == JsonToken.VALUE_TRUE, range(start, start + (t == JsonToken.VALUE_TRUE ? 4 : 5)));
            }
            case VALUE_NULL -> {
                return new JsonValue.Null(range(start, start + 4));
            }
            default -> throw new IllegalStateException("unexpected JSON token " + t);
        }
    }

    /** The end of a property name token: just after its closing quote. */
    private int nameEnd(int start, int after) {
        for (int i = start + 1; i < src.length; i++) {
            if (src[i] == '\\') {
                i++;
            } else if (src[i] == '"') {
                return i + 1;
            }
        }
        return Math.min(after, src.length);
    }

    private SourceRange range(int from, int to) {
        return new SourceRange(filename, pos(from), pos(Math.max(from, to)));
    }

    private Pos pos(int off) {
        off = Math.max(0, Math.min(off, src.length));
        int lo = 0;
        int hi = lineStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= off) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        int col = 1;
        for (int i = lineStarts[lo]; i < off; i++) {
            if ((src[i] & 0xC0) != 0x80) {
                col++;
            }
        }
        return new Pos(lo + 1, col, off);
    }
}
