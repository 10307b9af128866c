package io.capstan.engine.json;

import io.capstan.engine.builtin.BuiltinTerraformProvider;
import io.capstan.provider.client.GetProviderSchemaRequest;
import io.capstan.provider.schema.Block;
import io.capstan.provider.schema.ProviderSchema;
import io.capstan.provider.schema.Schema;
import java.util.Map;
import java.util.Optional;

/**
 * Where the JSON representations find a resource type's schema: only the schema says which
 * attributes have the dynamic type, whose state JSON wraps the value as
 * {@code {"value": ..., "type": ...}} while {@code show -json} prints the bare value.
 */
@FunctionalInterface
public interface ResourceSchemas {

    /**
     * @param provider provider source address, e.g. {@code registry.terraform.io/hashicorp/aws}
     * @param mode {@code managed} or {@code data}
     */
    Optional<Block> block(String provider, String mode, String type);

    /** Schemas from already fetched provider schemas, keyed by provider source address. */
    static ResourceSchemas of(Map<String, ProviderSchema> byProvider) {
        Map<String, ProviderSchema> copy = Map.copyOf(byProvider);
        return (provider, mode, type) -> {
            ProviderSchema p = copy.get(provider);
            if (p == null) {
                return Optional.empty();
            }
            Schema s = ("data".equals(mode) ? p.dataSourceSchemas() : p.resourceSchemas()).get(type);
            return Optional.ofNullable(s).map(Schema::block);
        };
    }

    /** Only the in-process {@code terraform.io/builtin/terraform} provider's schemas. */
    static ResourceSchemas builtin() {
        try (BuiltinTerraformProvider p = new BuiltinTerraformProvider()) {
            ProviderSchema schema = p.getProviderSchema(new GetProviderSchemaRequest()).schema();
            return of(Map.of(BuiltinTerraformProvider.ADDRESS, schema));
        }
    }
}
