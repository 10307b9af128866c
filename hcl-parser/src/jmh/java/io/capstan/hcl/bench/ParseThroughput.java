package io.capstan.hcl.bench;

import io.capstan.hcl.body.File;
import io.capstan.hcl.diag.Result;
import io.capstan.hcl.parser.HclParser;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;

/**
 * A quick throughput check that measures the parsing thread's CPU time rather than
 * wall time, for machines shared with other work where JMH's wall-clock numbers mostly
 * measure the neighbours. {@code java ParseThroughput [megabytes] [rounds]}.
 */
public final class ParseThroughput {
    private ParseThroughput() {
    }

    public static void main(String[] args) {
        long mb = args.length > 0 ? Long.parseLong(args[0]) : 10;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        byte[] src = ConfigGenerator.generate(mb * 1024 * 1024).getBytes(StandardCharsets.UTF_8);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        com.sun.management.ThreadMXBean alloc = mx instanceof com.sun.management.ThreadMXBean m ? m : null;
        double best = 0;
        for (int i = 0; i < rounds; i++) {
            long bytes = alloc != null ? alloc.getCurrentThreadAllocatedBytes() : 0;
            long cpu = mx.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            Result<File> r = HclParser.parseConfig(src, "bench.tf");
            double cpuS = (mx.getCurrentThreadCpuTime() - cpu) / 1e9;
            double wallS = (System.nanoTime() - wall) / 1e9;
            double allocMb = alloc != null ? (alloc.getCurrentThreadAllocatedBytes() - bytes) / 1048576.0 : Double.NaN;
            if (r.hasErrors()) {
                throw new IllegalStateException(r.diagnostics().toString());
            }
            double mbps = src.length / 1048576.0 / cpuS;
            best = Math.max(best, mbps);
            System.out.printf("round %d: %.1f MB/s (CPU time %.3f s, wall %.3f s, allocated %.0f MB)%n", i + 1, mbps, cpuS,
                    wallS, allocMb);
        }
        System.out.printf("best: %.1f MB/s on %d bytes%n", best, src.length);
    }
}
