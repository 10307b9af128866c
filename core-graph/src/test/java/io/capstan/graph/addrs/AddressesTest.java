package io.capstan.graph.addrs;

import io.capstan.hcl.diag.Result;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every address form users type parses and prints back unchanged; malformed ones are reported. */
class AddressesTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "aws_vpc.main",
            "aws_instance.web[0]",
            "aws_instance.web[\"blue\"]",
            "module.net[2].aws_subnet.a",
            "module.net[\"eu\"].module.sub.aws_subnet.a[3]",
            "data.x.y",
            "module.m.data.x.y[\"k\"]",
            "ephemeral.random_password.p",
    })
    void resourceInstanceRoundTrips(String addr) {
        Result<AbsResourceInstance> r = Addresses.parseAbsResourceInstance(addr);
        assertThat(r.diagnostics().asList()).isEmpty();
        assertThat(r.value().toString()).isEqualTo(addr);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "aws_instance.web[0]|MANAGED|aws_instance|web|[0]|",
            "data.x.y|DATA|x|y||",
            "module.net[2].aws_subnet.a|MANAGED|aws_subnet|a||module.net[2]",
    })
    void resourceInstanceParts(String addr, ResourceMode mode, String type, String name, String key, String module) {
        AbsResourceInstance a = Addresses.parseAbsResourceInstance(addr).value();
        assertThat(a.resource().resource().mode()).isEqualTo(mode);
        assertThat(a.resource().resource().type()).isEqualTo(type);
        assertThat(a.resource().resource().name()).isEqualTo(name);
        assertThat(a.resource().key().toString()).isEqualTo(key == null ? "" : key);
        assertThat(a.module().toString()).isEqualTo(module == null ? "" : module);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "provider[\"registry.terraform.io/hashicorp/aws\"]",
            "provider[\"registry.terraform.io/hashicorp/aws\"].east",
            "module.a.provider[\"terraform.io/builtin/terraform\"]",
    })
    void providerConfigRoundTrips(String addr) {
        Result<AbsProviderConfig> r = Addresses.parseAbsProviderConfig(addr);
        assertThat(r.diagnostics().asList()).isEmpty();
        assertThat(r.value().toString()).isEqualTo(addr);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "aws|registry.terraform.io/hashicorp/aws",
            "hashicorp/aws|registry.terraform.io/hashicorp/aws",
            "example.com/acme/thing|example.com/acme/thing",
            "terraform|terraform.io/builtin/terraform",
    })
    void providerSourceShortForms(String src, String full) {
        assertThat(Provider.parseSource(src).toString()).isEqualTo(full);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "aws_instance|Invalid address",
            "aws_instance.web[0].id|Invalid address",
            "module.|Invalid attribute name",
            "aws_instance.web[1.5]|Invalid index",
    })
    void malformedAddressesAreReported(String addr, String summary) {
        Result<AbsResourceInstance> r = Addresses.parseAbsResourceInstance(addr);
        assertThat(r.hasErrors()).isTrue();
        assertThat(r.diagnostics().asList().get(0).summary()).isEqualTo(summary);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"module.a", "module.a[0].module.b[\"x\"]"})
    void moduleInstanceRoundTrips(String addr) {
        assertThat(Addresses.parseModuleInstance(addr).value().toString()).isEqualTo(addr);
    }
}
