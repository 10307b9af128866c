package io.capstan.hcl.bench;

import io.capstan.hcl.body.File;
import io.capstan.hcl.diag.Result;
import io.capstan.hcl.parser.HclParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Parse throughput of a generated configuration (default 10 MB). MB/s = size / time;
 * the size is printed at tear-down.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class ParseBenchmark {
    @Param({"10"})
    public int megabytes;

    private byte[] source;

    @Setup(Level.Trial)
    public void setUp() {
        source = ConfigGenerator.generate(megabytes * 1024L * 1024L).getBytes(StandardCharsets.UTF_8);
        Result<File> r = HclParser.parseConfig(source, "bench.tf");
        if (r.hasErrors()) {
            throw new IllegalStateException("generated configuration does not parse: " + r.diagnostics());
        }
    }

    @Benchmark
    public Result<File> parseConfig() {
        return HclParser.parseConfig(source, "bench.tf");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        System.out.println("\nsource size: " + source.length + " bytes");
    }
}
