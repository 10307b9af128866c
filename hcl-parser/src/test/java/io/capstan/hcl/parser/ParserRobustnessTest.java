package io.capstan.hcl.parser;

import io.capstan.hcl.body.File;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Result;
import io.capstan.hcl.json.JsonParser;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever the input, parsing returns (quickly) a result whose diagnostics all point
 * inside the file: no exception, no stack overflow, no hang.
 */
class ParserRobustnessTest {

    private static final String VALID = """
            # A representative configuration.
            terraform {
              required_version = ">= 1.0"
            }

            variable "names" {
              type    = list(string)
              default = ["a", "b"]
            }

            locals {
              upper = [for n in var.names : upper(n) if n != ""]
              by_id = { for i, n in var.names : n => i... }
              msg   = "hello ${var.names[0]} %{ if length(var.names) > 1 ~}and more%{ else }alone%{ endif }"
              doc   = <<-EOT
                Names: ${join(", ", var.names)}
                $${literal} %%{literal}
              EOT
              calc  = (1 + 2) * -3 / 4 % 5 >= 0 && !false || null == true ? 1.5e3 : 0
              ids   = aws_instance.web[*].id
              old   = aws_instance.web.*.id
              first = aws_instance.web.0.id
              ns    = provider::aws::arn_parse("x")
              args  = concat(local.upper, ["x"]...)
            }

            resource "aws_instance" "web" {
              count = 2
              tags  = { Name = "web-${count.index}", "with space" = 1 }
              lifecycle { create_before_destroy = true }
              /* block
                 comment */
              ebs_block_device {
                device_name = "/dev/sdb" // trailing
              }
            }
            """;

    private static final byte[] VALID_BYTES = VALID.getBytes(StandardCharsets.UTF_8);
    private static final ExecutorService EXEC = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "parse-under-test");
        t.setDaemon(true);
        return t;
    });

    @Example
    void theBaseConfigurationIsValid() {
        assertThat(HclParser.parseConfig(VALID_BYTES, "main.tf").diagnostics().asList()).isEmpty();
    }

    /** Parses on another thread with a deadline, so a hang fails the property instead of the build. */
    private static Result<File> parseWithin(byte[] src, Duration limit) throws Exception {
        Future<Result<File>> f = EXEC.submit(() -> HclParser.parseConfig(src, "fuzz.tf"));
        try {
            return f.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            f.cancel(true);
        }
    }

    private static void assertSane(byte[] src, Result<File> r) {
        assertThat(r).isNotNull();
        assertThat(r.value()).isNotNull();
        for (Diagnostic d : r.diagnostics()) {
            assertThat(d.subject()).isNotNull();
            int s = d.subject().start().byteOffset();
            int e = d.subject().end().byteOffset();
            assertThat(s).as("start of %s", d).isBetween(0, src.length);
            assertThat(e).as("end of %s", d).isBetween(s, src.length);
            assertThat(d.subject().start().line()).isPositive();
            assertThat(d.subject().start().column()).isPositive();
        }
    }

    @Property(tries = 60)
    void truncatedFiles(@ForAll @IntRange(min = 0, max = 2000) int cut) throws Exception {
        byte[] src = java.util.Arrays.copyOf(VALID_BYTES, Math.min(cut, VALID_BYTES.length));
        assertSane(src, parseWithin(src, Duration.ofSeconds(10)));
    }

    @Property(tries = 100)
    void randomByteFlips(@ForAll("flips") int[][] flips) throws Exception {
        byte[] src = VALID_BYTES.clone();
        for (int[] f : flips) {
            src[f[0] % src.length] = (byte) f[1];
        }
        assertSane(src, parseWithin(src, Duration.ofSeconds(10)));
    }

    @Provide
    Arbitrary<int[][]> flips() {
        Arbitrary<int[]> one = Arbitraries.integers().between(0, VALID_BYTES.length - 1)
                .flatMap(pos -> Arbitraries.of(java.util.List.of((int) '{', (int) '}', (int) '[', (int) ']', (int) '(',
                                (int) ')', (int) '"', (int) '$', (int) '%', (int) '\n', (int) '~', (int) '<', (int) '\\',
                                (int) '#', (int) '*', (int) '/', (int) '=', (int) ',', 0, 0xC3, 0xFF, 0x80))
                        .map(b -> new int[] {pos, b}));
        return one.array(int[][].class).ofMinSize(1).ofMaxSize(8);
    }

    @Property(tries = 60)
    void insertedFragments(@ForAll @IntRange(min = 0, max = 1500) int at,
                           @ForAll("fragments") String fragment) throws Exception {
        String s = VALID.substring(0, Math.min(at, VALID.length())) + fragment + VALID.substring(Math.min(at, VALID.length()));
        byte[] src = s.getBytes(StandardCharsets.UTF_8);
        assertSane(src, parseWithin(src, Duration.ofSeconds(10)));
    }

    @Provide
    Arbitrary<String> fragments() {
        return Arbitraries.of("{", "}", "[", "]", "(", ")", "\"", "\"${", "%{ if x }", "%{ endfor }", "<<EOT\n", "<<-X\n",
                "/*", "*/", "'", "${", "~}", "...", "::", "? :", "=>", "\\u12", "\r", "\u0000", "é", "👩‍👩‍👧", "[*]", ".*",
                "for", "if", "in", "= =", ",,");
    }

    @Example
    void invalidUtf8IsOneDiagnostic() throws Exception {
        byte[] src = "a = \"x\"\nb = \"\u00e9\"\n".getBytes(StandardCharsets.UTF_8);
        src[13] = (byte) 0xFF;
        Result<File> r = parseWithin(src, Duration.ofSeconds(10));
        assertSane(src, r);
        assertThat(r.diagnostics().asList()).extracting(Diagnostic::summary).containsExactly("Invalid character encoding");
        assertThat(r.diagnostics().asList().get(0).subject().start().line()).isEqualTo(2);
    }

    @Property(tries = 6)
    void veryDeepNestingIsOneDiagnosticNotAStackOverflow(@ForAll("openers") String open) throws Exception {
        String s = "a = " + open.repeat(10_000) + "1" + "\n";
        byte[] src = s.getBytes(StandardCharsets.UTF_8);
        Result<File> r = parseWithin(src, Duration.ofSeconds(20));
        assertSane(src, r);
        assertThat(r.diagnostics().asList()).extracting(Diagnostic::summary).containsExactly("Nesting too deep");
        byte[] json = ("{\"a\": " + "[".repeat(10_000) + "}").getBytes(StandardCharsets.UTF_8);
        Result<File> j = JsonParser.parse(json, "deep.tf.json");
        assertThat(j.diagnostics().size()).isEqualTo(1);
    }

    @Provide
    Arbitrary<String> openers() {
        return Arbitraries.of("[", "(", "{", "\"${", "{a = ", "f(");
    }

    @Example
    void longOperatorChainsDoNotOverflow() throws Exception {
        String s = "a = " + "1 + ".repeat(20_000) + "1\nb = " + "!".repeat(5_000) + "true\n";
        byte[] src = s.getBytes(StandardCharsets.UTF_8);
        Result<File> r = parseWithin(src, Duration.ofSeconds(30));
        assertSane(src, r);
        var attr = ((io.capstan.hcl.body.SyntaxBody) r.value().body()).attribute("a");
        assertThat(r.diagnostics().asList()).isEmpty();
        assertThat(attr.expr().variables()).isEmpty(); // no recursion limit in reference analysis either
    }

    @Example
    void parseTimeIsRoughlyLinear() throws Exception {
        // Inputs large enough that a stray GC or page fault in one run does not dominate;
        // the best of several runs is compared.
        byte[] small = config(1000);
        byte[] large = config(4000);
        for (int i = 0; i < 5; i++) { // warm up
            HclParser.parseConfig(small, "w.tf");
            HclParser.parseConfig(large, "w.tf");
        }
        long ts = best(small);
        long tl = best(large);
        assertThat(tl).as("4x input took %d ns vs %d ns", tl, ts).isLessThan(8 * ts);
    }

    private static long best(byte[] src) {
        long best = Long.MAX_VALUE;
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 7; i++) {
            long t = mx.getCurrentThreadCpuTime();
            Result<File> r = HclParser.parseConfig(src, "lin.tf");
            best = Math.min(best, mx.getCurrentThreadCpuTime() - t);
            assertThat(r.hasErrors()).isFalse();
        }
        return best;
    }

    private static byte[] config(int copies) {
        StringBuilder sb = new StringBuilder();
        String block = VALID.substring(VALID.indexOf("resource"));
        for (int i = 0; i < copies; i++) {
            sb.append(block.replace("\"web\"", "\"web" + i + "\""));
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
