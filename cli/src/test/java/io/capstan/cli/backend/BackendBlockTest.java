package io.capstan.cli.backend;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.hcl.parser.HclParser;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How backend arguments written as Terraform writes them become Capstan's flat argument names. */
class BackendBlockTest {

  private static Map<String, String> arguments(String hcl) {
    return BackendBlock.arguments(HclParser.parseConfig(hcl.getBytes(StandardCharsets.UTF_8), "backend.tf")
        .value().body());
  }

  @Test
  void objectArgumentsFlattenLikeNestedBlocks() {
    // Terraform 1.11's s3 backend takes endpoints as an object attribute; older configurations wrote a block
    String attribute = "bucket = \"b\"\nuse_path_style = true\nendpoints = { s3 = \"http://127.0.0.1:9000\" }\n";
    String block = "bucket = \"b\"\nuse_path_style = true\nendpoints {\n  s3 = \"http://127.0.0.1:9000\"\n}\n";
    Map<String, String> expected = Map.of("bucket", "b", "use_path_style", "true",
        "endpoints.s3", "http://127.0.0.1:9000");
    assertThat(arguments(attribute)).isEqualTo(expected);
    assertThat(arguments(block)).isEqualTo(expected);
  }
}
