package io.capstan.graph.graph;

import io.capstan.graph.config.ConfigLoader;
import io.capstan.graph.config.ModuleTree;
import io.capstan.hcl.diag.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The graph build is linear: 10,000 resources with 4 references each build well under a second,
 * and a splat reference to a 10,000-instance resource is a single edge.
 */
class GraphScaleTest {

    @Test
    void tenThousandLayeredResourcesBuildUnderASecond(@TempDir Path dir) throws IOException {
        StringBuilder sb = new StringBuilder();
        int layers = 10;
        int per = 1000;
        for (int l = 0; l < layers; l++) {
            for (int i = 0; i < per; i++) {
                sb.append("resource \"terraform_data\" \"r").append(l).append('_').append(i).append("\" {\n  input = [");
                if (l > 0) {
                    for (int k = 0; k < 4; k++) {
                        sb.append("terraform_data.r").append(l - 1).append('_').append((i + k) % per).append(".output, ");
                    }
                }
                sb.append("]\n}\n");
            }
        }
        Files.writeString(dir.resolve("main.tf"), sb);
        ModuleTree tree = ConfigLoader.load(dir).value();
        GraphBuilder.build(tree, GraphType.VALIDATE); // warm up the JIT once
        // CPU time of this thread, not wall time: the build machine is shared and often overloaded.
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long t0 = mx.getCurrentThreadCpuTime();
        Result<ResourceGraph> g = GraphBuilder.build(tree, GraphType.VALIDATE);
        long ms = (mx.getCurrentThreadCpuTime() - t0) / 1_000_000;
        System.out.println("graph build, 10,000 layered resources: " + ms + " ms CPU");
        assertThat(g.hasErrors()).isFalse();
        assertThat(g.value().dag().edgeSet()).hasSize(9 * per * 4 + layers * per); // references + provider edges
        assertThat(ms).isLessThan(1000);
    }

    @Test
    void splatOverManyInstancesIsOneEdge(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("main.tf"), """
                resource "terraform_data" "web" {
                  count = 10000
                  input = count.index
                }
                output "all" {
                  value = terraform_data.web[*].output
                }
                output "one" {
                  value = terraform_data.web[42].output
                }
                """);
        ResourceGraph g = GraphBuilder.build(ConfigLoader.load(dir).value(), GraphType.VALIDATE).value();
        GraphNode web = g.nodes().stream().filter(n -> n.name().equals("terraform_data.web")).findFirst().orElseThrow();
        assertThat(g.dag().incomingEdgesOf(web)).hasSize(2);
        assertThat(g.nodes()).hasSize(4); // resource, two outputs, implied provider
    }
}
