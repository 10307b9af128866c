package io.capstan.cli.init;

import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import io.capstan.provider.sdk.AttributeSpec;
import io.capstan.provider.sdk.Diagnostics;
import io.capstan.provider.sdk.FunctionParam;
import io.capstan.provider.sdk.ObjectData;
import io.capstan.provider.sdk.Provider;
import io.capstan.provider.sdk.ProviderFunction;
import io.capstan.provider.sdk.ProviderMain;
import io.capstan.provider.sdk.Resource;
import io.capstan.provider.sdk.ResourceSchema;

/**
 * A provider on Capstan's SDK for {@code bin/capstan}'s class-data-sharing training alone
 * ({@code io.capstan.cli.Train}): one resource type, {@code capstantrain_thing}, whose objects live
 * nowhere (create copies {@code input} to {@code id}), with a map attribute as many providers' tags, and
 * one function, {@code provider::capstantrain::upper}. The training installs it from a temporary
 * mirror and plans, applies and destroys with it in the training JVM, so the plugin host's side of a
 * real provider run (launch and handshake, the private unix socket, the gRPC calls of validation,
 * planning and applying, MessagePack values) is in the archive. Runs in its own process, started
 * from the CLI's jar; never installed anywhere else.
 */
public final class TrainingProvider {
    /** The provider's type name, and the prefix of its resource type. */
    public static final String TYPE = "capstantrain";

    private TrainingProvider() {
    }

    public static void main(String[] args) {
        ProviderMain.serve(Provider.builder(TYPE).resource(TYPE + "_thing", new Thing())
                .function(ProviderFunction.builder("upper").summary("Upper case").description("Upper case.")
                        .parameter(FunctionParam.of("s", Type.STRING).description("a string")).returns(Type.STRING)
                        .impl(a -> Value.of(a.string(0).toUpperCase(java.util.Locale.ROOT))).build())
                .build());
    }

    private static final class Thing implements Resource {
        private static final ResourceSchema SCHEMA = ResourceSchema.of(
                AttributeSpec.string("input").optional(),
                AttributeSpec.map("tags", Type.STRING).optional(),
                AttributeSpec.string("id").computed().useStateForUnknown());

        @Override
        public ResourceSchema schema() {
            return SCHEMA;
        }

        @Override
        public void create(ObjectData planned, Diagnostics diags) {
            planned.set("id", planned.isNull("input") ? "none" : planned.getString("input"));
        }
    }
}
