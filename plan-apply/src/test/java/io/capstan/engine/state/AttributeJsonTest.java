package io.capstan.engine.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.capstan.engine.builtin.TerraformData;
import io.capstan.hcl.value.Value;
import org.junit.jupiter.api.Test;

class AttributeJsonTest {

    @Test
    void everyTerraformDataObjectInTerraformsSampleRoundTripsThroughValues() throws Exception {
        StateFile s = StateCodec.read(StateCodecTest.sample()).value();
        int checked = 0;
        for (ResourceState r : s.resources()) {
            for (InstanceState i : r.instances()) {
                Value v = AttributeJson.fromJson(i.attributes(), TerraformData.TYPE);
                assertEquals(GoJson.indent(i.attributes()),
                        GoJson.indent(AttributeJson.toJson(v, TerraformData.TYPE)), r.address() + i.keySuffix());
                checked++;
            }
        }
        assertEquals(5, checked);
    }

    @Test
    void dynamicAttributesKeepTheirTypes() throws Exception {
        StateFile s = StateCodec.read(StateCodecTest.sample()).value();
        Value base = AttributeJson.fromJson(s.instance("terraform_data.base").attributes(), TerraformData.TYPE);
        assertEquals(Value.of("eu-west-1"), base.attr("input").attr("region"));
        assertEquals("object", base.attr("output").type().friendlyName());
    }
}
