package io.capstan.hcl.function;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.hcl.diag.Result;
import io.capstan.hcl.eval.EvalContext;
import io.capstan.hcl.eval.Evaluator;
import io.capstan.hcl.parser.HclParser;
import io.capstan.hcl.value.Value;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * base64gzip against outputs recorded from {@code terraform console} 1.11.4
 * ({@code base64gzip.tsv}: expression, Terraform's result), including repeated text where
 * Go's compress/flate and zlib choose different matches. Every result must be Terraform's
 * string exactly; when it is not, the decompressed bytes, the gzip header and the trailer
 * (Flush marker, Close's final stored block, CRC, length) are compared first so that the
 * failure says which part differs. {@link Base64GzipOracleTest} covers generated inputs.
 */
class Base64GzipTest {
    @TestFactory
    Stream<DynamicTest> matchesTerraform() throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream("base64gzip.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    rows.add(line.split("\t", 2));
                }
            }
        }
        EvalContext ctx = EvalContext.standard(Map.of(), Path.of("."));
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            String[] r = rows.get(i);
            int line = i + 1;
            tests.add(DynamicTest.dynamicTest(line + ": " + abbreviate(r[0]), () -> {
                Result<Value> v = Evaluator.evaluate(HclParser.parseExpression("base64gzip(" + r[0] + ")", "t").value(), ctx);
                assertThat(v.diagnostics().hasErrors()).as("%s", v.diagnostics()).isFalse();
                byte[] ours = Base64.getDecoder().decode(v.value().asString());
                byte[] go = Base64.getDecoder().decode(r[1]);
                assertThat(gunzip(ours)).isEqualTo(gunzip(go));
                assertThat(Arrays.copyOf(ours, 10)).as("gzip header").isEqualTo(Arrays.copyOf(go, 10));
                assertThat(tail(ours, 17)).as("flush marker, final block, CRC-32 and size").isEqualTo(tail(go, 17));
                assertThat(v.value().asString()).isEqualTo(r[1]);
            }));
        }
        return tests.stream();
    }

    private static byte[] tail(byte[] b, int n) {
        return Arrays.copyOfRange(b, b.length - n, b.length);
    }

    private static byte[] gunzip(byte[] b) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(b))) {
            return in.readAllBytes();
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
