package io.capstan.engine.plan;

import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import io.capstan.provider.codec.SchemaTypes;
import io.capstan.provider.schema.Attribute;
import io.capstan.provider.schema.Block;
import io.capstan.provider.schema.NestedBlock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Terraform's "proposed new state": the configuration merged with the prior object. Arguments
 * the user set come from configuration; computed attributes left unset keep their prior value
 * (null when there is no prior object: the provider marks them unknown), so the provider sees what the user left
 * to it. Nested blocks merge when single; otherwise the configuration wins.
 */
public final class ProposedNew {
    private ProposedNew() {
    }

    public static Value of(Block schema, Value prior, Value config) {
        if (config.isNull() || !config.isKnown()) {
            return config;
        }
        boolean create = prior == null || prior.isNull() || !prior.isKnown();
        Map<String, Value> out = new LinkedHashMap<>();
        for (Attribute a : schema.attributes().values()) {
            Value cv = config.attr(a.name());
            if (a.computed() && cv.isNull()) {
                Type t = SchemaTypes.attributeType(a);
                out.put(a.name(), create ? Value.nullOf(t) : prior.attr(a.name()));
            } else {
                out.put(a.name(), cv);
            }
        }
        for (NestedBlock nb : schema.blockTypes().values()) {
            Value cv = config.attr(nb.typeName());
            if (!create && (nb.nesting() == io.capstan.provider.schema.NestingMode.SINGLE
                    || nb.nesting() == io.capstan.provider.schema.NestingMode.GROUP) && !cv.isNull()) {
                out.put(nb.typeName(), of(nb.block(), prior.attr(nb.typeName()), cv));
            } else {
                out.put(nb.typeName(), cv);
            }
        }
        return Value.object(out);
    }
}
