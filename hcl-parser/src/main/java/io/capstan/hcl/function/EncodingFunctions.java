package io.capstan.hcl.function;

import io.capstan.hcl.value.ConversionException;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import io.capstan.hcl.value.ValueJson;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Encodings: base64*, text*base64, json*, yaml*, csvdecode, urlencode. */
final class EncodingFunctions {
    private EncodingFunctions() {
    }

    static void register(FunctionRegistry r) {
        r.add(StringFunctions.unary("base64encode",
                s -> Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8))));
        r.add(StringFunctions.unary("base64decode", s -> {
            byte[] b = strictBase64(s, -1);
            return utf8(b, -1, "the result of decoding the provided string is not valid UTF-8");
        }));
        r.add(StringFunctions.unary("base64gzip", s -> Base64.getEncoder().encodeToString(gzip(s.getBytes(StandardCharsets.UTF_8)))));
        r.add(Function.builder("textencodebase64").param("string", Type.STRING).param("encoding", Type.STRING)
                .returns(Type.STRING).impl((args, ret, ctx) -> {
                    Charset cs = charset(Args.str(args, 1));
                    try {
                        ByteBuffer bb = cs.newEncoder().onUnmappableCharacter(CodingErrorAction.REPORT)
                                .onMalformedInput(CodingErrorAction.REPORT).encode(CharBuffer.wrap(Args.str(args, 0)));
                        byte[] b = new byte[bb.remaining()];
                        bb.get(b);
                        return Value.of(Base64.getEncoder().encodeToString(b));
                    } catch (CharacterCodingException e) {
                        throw new FunctionException(0, "the given string contains characters that cannot be represented in "
                                + Args.str(args, 1));
                    }
                }).build());
        r.add(Function.builder("textdecodebase64").param("source", Type.STRING).param("encoding", Type.STRING)
                .returns(Type.STRING).impl((args, ret, ctx) -> {
                    Charset cs = charset(Args.str(args, 1));
                    byte[] b = strictBase64(Args.str(args, 0), 0);
                    try {
                        return Value.of(cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString());
                    } catch (CharacterCodingException e) {
                        throw new FunctionException(0, "the given value is has an invalid base64 symbol");
                    }
                }).build());
        r.add(StringFunctions.unary("urlencode", EncodingFunctions::queryEscape));
        r.add(Function.builder("jsonencode").param(Parameter.of("val", Type.DYNAMIC).nullable().dynamic())
                .returns(Type.STRING).impl((args, ret, ctx) -> {
                    Value v = args.get(0);
                    if (!v.isWhollyKnown()) {
                        return Value.unknown(Type.STRING);
                    }
                    if (v.isNull() && v.type() == Type.DYNAMIC) {
                        return Value.of("null");
                    }
                    try {
                        return Value.of(ValueJson.encode(v));
                    } catch (ConversionException e) {
                        throw new FunctionException(e.describe());
                    }
                }).build());
        r.add(Function.builder("jsondecode").param("str", Type.STRING)
                .returns(args -> args.get(0).isKnown() ? decodeJson(args.get(0).asString()).type() : Type.DYNAMIC)
                .impl((args, ret, ctx) -> decodeJson(Args.str(args, 0))).build());
        r.add(Function.builder("yamlencode").param(Parameter.of("value", Type.DYNAMIC).nullable().dynamic())
                .returns(Type.STRING).impl((args, ret, ctx) -> {
                    if (!args.get(0).isWhollyKnown()) {
                        return Value.unknown(Type.STRING);
                    }
                    return Value.of(YamlEncoder.encode(args.get(0)));
                }).build());
        r.add(Function.builder("yamldecode").param("src", Type.STRING)
                .returns(args -> args.get(0).isKnown() ? decodeYaml(args.get(0).asString()).type() : Type.DYNAMIC)
                .impl((args, ret, ctx) -> decodeYaml(Args.str(args, 0))).build());
        r.add(Function.builder("csvdecode").param("str", Type.STRING)
                .returns(args -> args.get(0).isKnown() ? csv(args.get(0).asString()).type() : Type.DYNAMIC)
                .impl((args, ret, ctx) -> csv(Args.str(args, 0))).build());
    }

    private static Value decodeJson(String s) {
        try {
            return ValueJson.decodeInfer(s);
        } catch (ConversionException e) {
            throw new FunctionException(e.describe());
        }
    }

    private static Value decodeYaml(String s) {
        try {
            return YamlDecoder.decode(s);
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            throw new FunctionException("on line ?: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static Value csv(String s) {
        List<List<String>> rows = CsvDecoder.parse(s);
        if (rows.isEmpty()) {
            throw new FunctionException("missing header line");
        }
        List<String> header = rows.get(0);
        Set<String> seen = new HashSet<>();
        Map<String, Type> attrs = new LinkedHashMap<>();
        for (String h : header) {
            if (!seen.add(h)) {
                throw new FunctionException("duplicate column name " + io.capstan.hcl.value.GoFormat.quote(h));
            }
            attrs.put(h, Type.STRING);
        }
        List<Value> out = new ArrayList<>();
        for (int i = 1; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            if (row.size() != header.size()) {
                throw new FunctionException("record on line " + (i + 1) + ": wrong number of fields");
            }
            Map<String, Value> o = new LinkedHashMap<>();
            for (int j = 0; j < row.size(); j++) {
                o.put(header.get(j), Value.of(row.get(j)));
            }
            out.add(Value.object(o));
        }
        return Value.list(Type.object(attrs), out);
    }

    /** Standard base64 with padding, as Go's StdEncoding (no whitespace, no URL alphabet). */
    static byte[] strictBase64(String s, int argIndex) {
        if (s.length() % 4 != 0 || !s.matches("[A-Za-z0-9+/]*={0,2}")) {
            throw new FunctionException(argIndex, "failed to decode base64 data " + io.capstan.hcl.value.GoFormat.quote(s));
        }
        try {
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw new FunctionException(argIndex, "failed to decode base64 data " + io.capstan.hcl.value.GoFormat.quote(s));
        }
    }

    static String utf8(byte[] b, int argIndex, String message) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw new FunctionException(argIndex, message);
        }
    }

    private static Charset charset(String name) {
        try {
            return Charset.forName(name);
        } catch (RuntimeException e) {
            throw new FunctionException(1, io.capstan.hcl.value.GoFormat.quote(name) + " is not a supported IANA encoding name or alias in this Terraform version");
        }
    }

    /**
     * gzip exactly as Terraform's base64gzip writes it with Go's compress/gzip: a header
     * without name or mtime (OS 255), the body from {@link GoDeflater} after Write, Flush
     * and Close, then CRC-32 and size.
     */
    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 64);
        out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff});
        GoDeflater d = new GoDeflater(out);
        d.write(data);
        d.flush();
        d.close();
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(data);
        long c = crc.getValue();
        int len = data.length;
        out.writeBytes(new byte[] {(byte) c, (byte) (c >> 8), (byte) (c >> 16), (byte) (c >> 24),
            (byte) len, (byte) (len >> 8), (byte) (len >> 16), (byte) (len >> 24)});
        return out.toByteArray();
    }

    /** Go's url.QueryEscape. */
    static String queryEscape(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                sb.append((char) c);
            } else if (c == ' ') {
                sb.append('+');
            } else {
                sb.append('%').append(String.format("%02X", c));
            }
        }
        return sb.toString();
    }
}
