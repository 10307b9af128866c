package io.capstan.graph.addrs;

import io.capstan.hcl.diag.Result;
import java.util.Random;
import org.junit.jupiter.api.Test;
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

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "aws_vpc.main", "terraform_data.r[0]", "terraform_data.r[999]", "terraform_data.r[123456789]",
            "aws_instance.web[\"blue\"]", "aws_instance.web[\"\"]", "aws_instance.web[\"a b.c-$ % {}\"]",
            "module.net[2].aws_subnet.a", "module.net[\"eu\"].module.sub.aws_subnet.a[3]", "data.x.y",
            "module.m.data.x.y[\"k\"]", "ephemeral.random_password.p", "a-b.c_d-", "module.module.data.x.y",
            "data.data.data", "module.m.ephemeral.e.f[0]", "Upper.CASE[1]", "module.m[0].data.t.n",
    })
    void plainAddressesSkipTheParserWithItsResult(String addr) {
        AbsResourceInstance plain = Addresses.plainResourceInstance(addr);
        Result<AbsResourceInstance> parsed = Addresses.parsedResourceInstance(addr);
        assertThat(parsed.diagnostics().asList()).isEmpty();
        assertThat(plain).isNotNull().isEqualTo(parsed.value());
        assertThat(plain.toString()).isEqualTo(addr);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "aws_instance.web[01]", "aws_instance.web[1234567890]", "aws_instance.web[\"a\\\"b\"]",
            "aws_instance.web[\"${x}\"]", "aws_instance.web[\"%{x}\"]", "aws_instance.web[\"caf\u00e9\"]",
            "aws_instance.web[\"a]b\"]", "aws_instance.web[\"c[0]\"]", "aws_instance. web", "_x.y", "aws_instance", "aws_instance.web[0].id",
            "module.a", "module[0].a.b.c", "data[0].x.y", "aws_instance[0].web", "x.y[1.5]", "x.y[-1]", "x..y", "module.module.module.x.y",
    })
    void otherAddressesAreLeftToTheParser(String addr) {
        assertThat(Addresses.plainResourceInstance(addr)).isNull();
        Result<AbsResourceInstance> r = Addresses.parseAbsResourceInstance(addr);
        Result<AbsResourceInstance> parsed = Addresses.parsedResourceInstance(addr);
        assertThat(r.value()).isEqualTo(parsed.value());
        assertThat(r.diagnostics().asList()).hasSameSizeAs(parsed.diagnostics().asList());
    }

    /**
     * Random addresses, made of address-like segments and then often broken by a random piece:
     * wherever the plain reading answers, the parser gives the same address without diagnostics.
     */
    @Test
    void plainReadingAgreesWithTheParserOnRandomAddresses() {
        String[] names = {"module", "module", "data", "ephemeral", "a", "b_1", "x-y", "Z", "aws_instance"};
        String[] keys = {"", "", "", "[0]", "[7]", "[10]", "[01]", "[\"k\"]", "[\"a.b[0]\"]", "[\"\"]", "[1.5]", "[-1]"};
        String[] pieces = {".", "[", "]", "\"", "\\", "$", "{", "%", " ", "-", "_", "0", "\u00e9", "${", "\n"};
        Random rnd = new Random(6);
        int plain = 0;
        for (int n = 0; n < 20_000; n++) {
            StringBuilder sb = new StringBuilder();
            int segments = 1 + rnd.nextInt(6);
            for (int i = 0; i < segments; i++) {
                sb.append(i > 0 ? "." : "").append(names[rnd.nextInt(names.length)]).append(keys[rnd.nextInt(keys.length)]);
            }
            for (int broken = rnd.nextInt(4) - 1; broken > 0; broken--) {
                sb.insert(rnd.nextInt(sb.length() + 1), pieces[rnd.nextInt(pieces.length)]);
            }
            String addr = sb.toString();
            AbsResourceInstance fast = Addresses.plainResourceInstance(addr);
            if (fast != null) {
                plain++;
                Result<AbsResourceInstance> parsed = Addresses.parsedResourceInstance(addr);
                assertThat(parsed.diagnostics().asList()).as(addr).isEmpty();
                assertThat(fast).as(addr).isEqualTo(parsed.value());
            }
        }
        assertThat(plain).as("addresses the plain reading took").isGreaterThan(100);
    }
}
