package io.capstan.engine.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.engine.state.GoJson;
import io.capstan.engine.state.StateCodec;
import io.capstan.engine.state.StateFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code show -json} of a state, compared byte for byte with what terraform 1.11.4 printed for
 * the same state file (folders under {@code json/state-values/}: state and terraform's output),
 * and the sensitive_values derivation on its own.
 */
class StateValuesJsonTest {
  static final Path DIR = Path.of(System.getProperty("capstan.root", "..")).resolve("plan-apply/src/test/resources/json/state-values");

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"basic", "modules"})
  void documentIsWhatTerraformPrints(String scenario) throws IOException {
    StateFile state = StateCodec.read(Files.readAllBytes(DIR.resolve(scenario).resolve("terraform.tfstate"))).value();
    String expected = Files.readString(DIR.resolve(scenario).resolve("show.json")).strip();
    assertThat(GoJson.compact(StateValuesJson.document(state, ResourceSchemas.builtin()))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} with {1}")
  @CsvSource(delimiter = '|', value = {
      "{\"a\":\"x\",\"b\":null}                 | []                                                        | {}",
      "{\"a\":\"x\"}                            | [[{\"type\":\"get_attr\",\"value\":\"a\"}]]                  | {\"a\":true}",
      "{\"l\":[1,{\"x\":\"y\"}],\"m\":{}}       | []                                                        | {\"l\":[false,{}],\"m\":{}}",
      "{\"l\":[\"p\",\"q\"]}                    | [[{\"type\":\"get_attr\",\"value\":\"l\"},{\"type\":\"index\",\"value\":{\"value\":1,\"type\":\"number\"}}]] | {\"l\":[false,true]}",
      "{\"m\":{\"k\":\"v\",\"s\":\"w\"}}        | [[{\"type\":\"get_attr\",\"value\":\"m\"},{\"type\":\"index\",\"value\":{\"value\":\"s\",\"type\":\"string\"}}]] | {\"m\":{\"s\":true}}",
  })
  void sensitiveValuesFollowTerraformsShape(String values, String paths, String expected) {
    JsonNode got = StateValuesJson.sensitiveValues(StateCodec.parse(values), StateCodec.parse(paths));
    assertThat(GoJson.compact(got)).isEqualTo(expected.strip());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "provider[\"registry.terraform.io/hashicorp/aws\"]                | registry.terraform.io/hashicorp/aws",
      "module.a.provider[\"registry.terraform.io/hashicorp/aws\"].west  | registry.terraform.io/hashicorp/aws",
      "provider[\"terraform.io/builtin/terraform\"]                     | terraform.io/builtin/terraform",
  })
  void providerSourceComesFromTheConfigAddress(String config, String source) {
    assertThat(StateValuesJson.providerSource(config)).isEqualTo(source);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "module.a                              | module.a",
      "module.a[\"x.y\"].module.b[0]          | module.a[\"x.y\"],module.b[0]",
      "module.a[\"k].module.z\"].module.c     | module.a[\"k].module.z\"],module.c",
  })
  void modulePathsSplitOutsideQuotes(String module, String steps) {
    assertThat(ModulePaths.split(module)).isEqualTo(List.of(steps.split(",")));
  }

  @ParameterizedTest(name = "no schema: {0}")
  @ValueSource(strings = {"{\"id\":\"1\",\"input\":{\"value\":\"x\",\"type\":\"string\"},\"tags\":{\"a\":\"b\"}}"})
  void withoutSchemaTopLevelValueTypePairsAreUnwrapped(String attrs) {
    JsonNode got = StateValuesJson.unwrapDynamic(StateCodec.parse(attrs), Optional.empty());
    assertThat(GoJson.compact(got)).isEqualTo("{\"id\":\"1\",\"input\":\"x\",\"tags\":{\"a\":\"b\"}}");
  }
}
