package io.capstan.cli;

import io.capstan.provider.sdk.AttributeSpec;
import io.capstan.provider.sdk.Diagnostics;
import io.capstan.provider.sdk.ObjectData;
import io.capstan.provider.sdk.Provider;
import io.capstan.provider.sdk.ProviderMain;
import io.capstan.provider.sdk.Resource;
import io.capstan.provider.sdk.ResourceSchema;
import io.capstan.provider.sdk.testing.ClassPathProviders;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A test provider, {@code capstan/warn}, whose {@code warn_thing} speaks up as providers do: its
 * validation (ValidateResourceConfig) warns about a set {@code legacy} argument, at that argument,
 * and about a {@code note} with no attribute path (the whole block); its create fails, with no
 * attribute path, when {@code fail} is true. Otherwise it stores what it is given. Run by
 * terraform and Capstan alike through a mirror of launchers on the test class path ({@link #mirror}).
 */
public final class WarnProvider {
    private WarnProvider() {
    }

    public static void main(String[] args) {
        ProviderMain.serve(Provider.builder("warn").resource("warn_thing", new Thing()).build());
    }

    /** A filesystem mirror holding {@code capstan/warn} 0.1.0 for {@code init -plugin-dir}. */
    static Path mirror(Path tmp) throws IOException {
        return ClassPathProviders.install(tmp.resolve("warn-mirror"), "warn", WarnProvider.class);
    }

    private static final class Thing implements Resource {
        private final ResourceSchema schema = ResourceSchema.of(
                AttributeSpec.string("name").required(),
                AttributeSpec.string("legacy").optional(),
                AttributeSpec.string("note").optional(),
                AttributeSpec.bool("fail").optional(),
                AttributeSpec.string("id").computed().useStateForUnknown());

        @Override
        public ResourceSchema schema() {
            return schema;
        }

        @Override
        public void validate(ObjectData config, Diagnostics diags) {
            if (!config.isNull("legacy")) {
                diags.warning(Diagnostics.path("legacy"), "Argument is deprecated",
                        "legacy is kept for old configurations; use name instead.");
            }
            if (!config.isNull("note") && config.isKnown("note")) {
                diags.warning("Thing noted", "The provider noted: " + config.getString("note") + ".");
            }
        }

        @Override
        public void create(ObjectData planned, Diagnostics diags) {
            if (planned.getBool("fail", false)) {
                diags.error("Thing refused", "The remote side refused to create " + planned.getString("name") + ".");
                return;
            }
            planned.set("id", planned.getString("name"));
        }

        @Override
        public void update(ObjectData prior, ObjectData planned, Diagnostics diags) {
            create(planned, diags);
        }
    }
}
