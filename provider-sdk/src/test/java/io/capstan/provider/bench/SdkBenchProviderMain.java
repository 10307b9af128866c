package io.capstan.provider.bench;

import io.capstan.hcl.value.Type;
import io.capstan.provider.sdk.AttributeSpec;
import io.capstan.provider.sdk.Diagnostics;
import io.capstan.provider.sdk.ObjectData;
import io.capstan.provider.sdk.Provider;
import io.capstan.provider.sdk.ProviderMain;
import io.capstan.provider.sdk.Resource;
import io.capstan.provider.sdk.ResourceSchema;

/**
 * The round-trip benchmark's provider written on the SDK: the same {@code bench_thing}
 * schema as {@link BenchProviderMain}, so the figures show what the SDK's decoding,
 * planning defaults and encoding cost on top of the raw protocol.
 */
public final class SdkBenchProviderMain {
    private SdkBenchProviderMain() {
    }

    static Provider provider() {
        return Provider.builder("bench").resource("bench_thing", new Resource() {
            private final ResourceSchema schema = ResourceSchema.of(AttributeSpec.string("id").computed(),
                    AttributeSpec.string("name").required(), AttributeSpec.map("tags", Type.STRING).optional());

            @Override
            public ResourceSchema schema() {
                return schema;
            }

            @Override
            public void create(ObjectData planned, Diagnostics diags) {
                planned.set("id", "bench-" + planned.getString("name"));
            }
        }).build();
    }

    public static void main(String[] args) {
        ProviderMain.serve(provider());
    }
}
