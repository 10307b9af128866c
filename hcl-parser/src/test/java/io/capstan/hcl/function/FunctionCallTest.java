package io.capstan.hcl.function;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Result;
import io.capstan.hcl.value.Mark;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The calling machinery: arity, conversion errors, unknown and mark propagation, file context. */
class FunctionCallTest {
    private static final FunctionRegistry F = FunctionRegistry.standard();
    private static final FunctionContext CTX = FunctionContext.of(Path.of("."));
    private static final Value SECRET = Value.of("s3cret").mark(Mark.SENSITIVE);

    private static Result<Value> call(String name, Value... args) {
        return F.call(name, List.of(args), CTX);
    }

    private static Diagnostic error(String name, Value... args) {
        Result<Value> r = call(name, args);
        assertThat(r.hasErrors()).as("%s should fail", name).isTrue();
        return r.diagnostics().asList().get(0);
    }

    @Test
    void arityErrorsNameTheMissingParameter() {
        Diagnostic d = error("upper");
        assertThat(d.summary()).isEqualTo("Not enough function arguments");
        assertThat(d.detail()).isEqualTo("Function \"upper\" expects 1 argument(s). Missing value for \"str\".");
        d = error("upper", Value.of("a"), Value.of("b"));
        assertThat(d.summary()).isEqualTo("Too many function arguments");
        assertThat(d.detail()).isEqualTo("Function \"upper\" expects only 1 argument(s).");
    }

    @Test
    void argumentErrorsNameTheParameter() {
        Diagnostic d = error("max", Value.DYNAMIC_NULL, Value.of(1));
        assertThat(d.summary()).isEqualTo("Invalid function argument");
        assertThat(d.detail()).isEqualTo("Invalid value for \"numbers\" parameter: argument must not be null.");
        d = error("tonumber", Value.of("0x10"));
        assertThat(d.detail()).isEqualTo("Invalid value for \"v\" parameter: cannot convert \"0x10\" to number; "
                + "given string must be a decimal representation of a number.");
        d = error("element", Value.EMPTY_TUPLE, Value.of(0));
        assertThat(d.summary()).isEqualTo("Error in function call");
        assertThat(d.detail()).isEqualTo("Call to function \"element\" failed: cannot use element function with an empty list.");
    }

    @Test
    void mergeKeyAndGlobErrorsCarryTerraformsDetail() {
        // Both recorded from terraform console 1.11.4 (go-yaml reports the line 0-based).
        Diagnostic d = error("yamldecode", Value.of("p: &p {a: 1}\nx:\n  <<: [*p]\n"));
        assertThat(d.detail()).isEqualTo("Call to function \"yamldecode\" failed: on line 2, column 3: cannot merge tuple "
                + "into mapping.");
        d = error("yamldecode", Value.of("x:\n  <<: null\n  a: 1\n"));
        assertThat(d.detail()).isEqualTo("Call to function \"yamldecode\" failed: on line 1, column 3: cannot merge dynamic "
                + "into mapping.");
        d = error("fileset", Value.of("src/test/resources/io/capstan/hcl/function/fileset"), Value.of("{*.md,sub/*.md}"));
        assertThat(d.detail()).isEqualTo("Call to function \"fileset\" failed: failed to glob pattern "
                + "\"src/test/resources/io/capstan/hcl/function/fileset/{*.md,sub/*.md}\": syntax error in pattern.");
    }

    @Test
    void unknownFunctionsAndNamespaces() {
        assertThat(error("nope").summary()).isEqualTo("Call to unknown function");
        assertThat(error("provider::aws::arn_parse").summary()).isEqualTo("Unknown provider function");
        assertThat(call("core::upper", Value.of("a")).value()).isEqualTo(Value.of("A"));
        assertThat(F.names()).contains("upper", "cidrsubnets", "templatefile").hasSizeGreaterThan(110);
    }

    static Stream<Arguments> unknownCases() {
        Value unknownString = Value.unknown(Type.STRING);
        return Stream.of(
                Arguments.of("upper", List.of(unknownString), Value.unknown(Type.STRING)),
                Arguments.of("length", List.of(Value.tuple(List.of(unknownString, unknownString))), Value.of(2)),
                Arguments.of("length", List.of(unknownString), Value.unknown(Type.NUMBER)),
                Arguments.of("join", List.of(Value.of(","), Value.unknown(Type.list(Type.STRING))), Value.unknown(Type.STRING)),
                Arguments.of("jsonencode", List.of(Value.tuple(List.of(unknownString))), Value.unknown(Type.STRING)),
                Arguments.of("format", List.of(Value.of("%s"), unknownString), Value.unknown(Type.STRING)),
                Arguments.of("tolist", List.of(Value.unknown(Type.tuple(List.of(Type.STRING)))), Value.unknown(Type.list(Type.DYNAMIC))),
                Arguments.of("coalesce", List.of(unknownString, Value.of("x")), Value.unknown(Type.STRING)),
                Arguments.of("upper", List.of(Value.DYNAMIC_NULL), null));
    }

    @ParameterizedTest(name = "{0}{1}")
    @MethodSource("unknownCases")
    void unknownArgumentsGiveUnknownResultsOfTheReturnType(String name, List<Value> args, Value expected) {
        Result<Value> r = F.call(name, args, CTX);
        if (expected == null) {
            assertThat(r.hasErrors()).isTrue();
            return;
        }
        assertThat(r.hasErrors()).as("%s", r.diagnostics()).isFalse();
        assertThat(r.value()).isEqualTo(expected);
    }

    static Stream<Arguments> markCases() {
        return Stream.of(
                Arguments.of("upper", List.of(SECRET), true),
                Arguments.of("length", List.of(Value.tuple(List.of(SECRET))), false),
                Arguments.of("length", List.of(SECRET), true),
                Arguments.of("join", List.of(Value.of("-"), Value.tuple(List.of(SECRET, Value.of("b")))), true),
                Arguments.of("keys", List.of(Value.object(Map.of("a", SECRET))), false),
                Arguments.of("lookup", List.of(Value.object(Map.of("a", SECRET)), Value.of("a")), true),
                Arguments.of("nonsensitive", List.of(SECRET), false),
                Arguments.of("sensitive", List.of(Value.of(1)), true),
                Arguments.of("issensitive", List.of(SECRET), false),
                Arguments.of("jsonencode", List.of(Value.object(Map.of("p", SECRET))), true),
                Arguments.of("tostring", List.of(Value.of(5).mark(Mark.SENSITIVE)), true),
                Arguments.of("merge", List.of(Value.object(Map.of("a", SECRET)), Value.object(Map.of("b", Value.of(1)))), false));
    }

    @ParameterizedTest(name = "{0}{1} sensitive={2}")
    @MethodSource("markCases")
    void sensitivityPropagates(String name, List<Value> args, boolean sensitive) {
        Result<Value> r = F.call(name, args, CTX);
        assertThat(r.hasErrors()).as("%s", r.diagnostics()).isFalse();
        assertThat(r.value().isSensitive()).isEqualTo(sensitive);
    }

    @Test
    void mergeKeepsNestedMarksWhereTheyWere() {
        Value v = call("merge", Value.object(Map.of("a", SECRET))).value();
        assertThat(v.attr("a").isSensitive()).isTrue();
        assertThat(call("issensitive", SECRET).value()).isEqualTo(Value.TRUE);
    }

    @Test
    void fileFunctionsResolveAgainstTheBaseDirectory(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("hello.txt"), "hello\n");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/a.tf"), "x");
        FunctionContext ctx = FunctionContext.of(dir);
        assertThat(F.call("file", List.of(Value.of("hello.txt")), ctx).value()).isEqualTo(Value.of("hello\n"));
        assertThat(F.call("filemd5", List.of(Value.of("hello.txt")), ctx).value())
                .isEqualTo(Value.of("b1946ac92492d2347c6235b4d2611184"));
        assertThat(F.call("fileexists", List.of(Value.of("nope.txt")), ctx).value()).isEqualTo(Value.FALSE);
        assertThat(F.call("fileset", List.of(Value.of("."), Value.of("**/*.tf")), ctx).value())
                .isEqualTo(Value.set(Type.STRING, List.of(Value.of("sub/a.tf"))));
        assertThat(F.call("filebase64", List.of(Value.of("hello.txt")), ctx).value()).isEqualTo(Value.of("aGVsbG8K"));
        Result<Value> missing = F.call("file", List.of(Value.of("missing.txt")), ctx);
        assertThat(missing.diagnostics().asList().get(0).summary()).isEqualTo("Invalid function argument");
    }

    @Test
    void templatefileDelegatesRenderingToTheEvaluator(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("t.tpl"), "Hello ${name}");
        ExpressionEvaluator fake = (src, file, vars) -> Result.of(Value.of(src.replace("${name}", vars.get("name").asString())));
        FunctionContext ctx = FunctionContext.of(dir).withEvaluator(fake);
        Value out = F.call("templatefile", List.of(Value.of("t.tpl"), Value.object(Map.of("name", Value.of("Ada")))), ctx).value();
        assertThat(out).isEqualTo(Value.of("Hello Ada"));
        Result<Value> noEvaluator = F.call("templatefile",
                List.of(Value.of("t.tpl"), Value.EMPTY_OBJECT), FunctionContext.of(dir));
        assertThat(noEvaluator.hasErrors()).isTrue();
    }

    @Test
    void timestampUsesTheContextClock() {
        FunctionContext ctx = CTX.withClock(java.time.Clock.fixed(java.time.Instant.parse("2024-05-06T07:08:09.5Z"),
                java.time.ZoneOffset.UTC), null);
        assertThat(F.call("timestamp", List.of(), ctx).value()).isEqualTo(Value.of("2024-05-06T07:08:09Z"));
        assertThat(F.call("plantimestamp", List.of(), ctx).value().isKnown()).isFalse();
    }

    @Test
    void impureFunctionsAreUnknownWhilePlanning() {
        FunctionRegistry planning = FunctionRegistry.standard().pureOnly();
        assertThat(planning.isPureOnly()).isTrue();
        for (String f : List.of("timestamp", "uuid")) {
            Value v = planning.call(f, List.of(), CTX).value();
            assertThat(v.isKnown()).as(f).isFalse();
            assertThat(v.type()).as(f).isEqualTo(io.capstan.hcl.value.Type.STRING);
        }
        assertThat(planning.call("bcrypt", List.of(Value.of("pw")), CTX).value().isKnown()).isFalse();
        // arguments are still checked, as terraform's function.Unpredictable keeps the signature
        assertThat(planning.call("uuid", List.of(Value.of("x")), CTX).hasErrors()).isTrue();
        // pure functions are untouched; the registry it came from still knows the time
        assertThat(planning.call("upper", List.of(Value.of("a")), CTX).value()).isEqualTo(Value.of("A"));
        assertThat(F.call("uuid", List.of(), CTX).value().isKnown()).isTrue();
    }

    @Test
    void bcryptHashesVerify() {
        String hash = call("bcrypt", Value.of("pw"), Value.of(4)).value().asString();
        assertThat(hash).startsWith("$2a$04$").hasSize(60);
        assertThat(at.favre.lib.crypto.bcrypt.BCrypt.verifyer().verify("pw".toCharArray(), hash).verified).isTrue();
    }

    @Test
    void rsadecryptReadsPemKeys() throws Exception {
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
        g.initialize(1024);
        java.security.KeyPair kp = g.generateKeyPair();
        javax.crypto.Cipher c = javax.crypto.Cipher.getInstance("RSA/ECB/PKCS1Padding");
        c.init(javax.crypto.Cipher.ENCRYPT_MODE, kp.getPublic());
        String cipher = java.util.Base64.getEncoder().encodeToString(c.doFinal("top secret".getBytes()));
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder().encodeToString(kp.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        assertThat(call("rsadecrypt", Value.of(cipher), Value.of(pem)).value()).isEqualTo(Value.of("top secret"));
        assertThat(error("rsadecrypt", Value.of(cipher), Value.of("not a key")).summary()).isEqualTo("Invalid function argument");
    }

    @Test
    void uuidIsRandomVersion4() {
        assertThat(call("uuid").value().asString()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }
}
