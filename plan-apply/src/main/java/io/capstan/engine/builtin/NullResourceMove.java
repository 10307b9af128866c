package io.capstan.engine.builtin;

import io.capstan.hcl.value.ObjectType;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import io.capstan.hcl.value.ValueJson;
import io.capstan.provider.client.MoveResourceStateRequest;
import io.capstan.provider.client.MoveResourceStateResponse;
import io.capstan.provider.client.ProviderDiagnostic;
import io.capstan.provider.codec.WireCodec;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MoveResourceState of the built-in provider, as Terraform 1.9+ has it: a {@code null_resource}
 * of the official hashicorp/null provider (any registry host, so mirrors work) becomes a
 * {@code terraform_data} with the same {@code id} and its {@code triggers} as
 * {@code triggers_replace}. The triggers become an object, not a map, because that is what a
 * {@code triggers_replace = {...}} literal evaluates to, so the usual configuration plans no
 * change; {@code input} and {@code output} stay null. Any other source is refused with
 * Terraform's messages.
 */
final class NullResourceMove {
    static final String SOURCE_TYPE = "null_resource";
    private static final ObjectType NULL_RESOURCE = Type.object(Map.of("id", Type.STRING,
            "triggers", Type.map(Type.STRING)));

    private NullResourceMove() {
    }

    static MoveResourceStateResponse move(MoveResourceStateRequest request) {
        if (!request.sourceProviderAddress().endsWith("hashicorp/null")) {
            return failed("Unsupported source provider for move operation",
                    "Only moving from the official hashicorp/null provider to terraform_data is supported.");
        }
        if (!SOURCE_TYPE.equals(request.sourceTypeName())) {
            return failed("Unsupported source resource type for move operation",
                    "Only moving from the null_resource managed resource to terraform_data is supported.");
        }
        if (!TerraformData.TYPE_NAME.equals(request.targetTypeName())) {
            return failed("Unsupported resource type", "The terraform provider has no resource type \""
                    + request.targetTypeName() + "\".");
        }
        Value source;
        try {
            byte[] json = request.sourceState() == null ? new byte[0] : request.sourceState().json();
            source = ValueJson.decode(new String(json, StandardCharsets.UTF_8), NULL_RESOURCE);
        } catch (RuntimeException e) {
            return failed("Invalid null_resource state", String.valueOf(e.getMessage()));
        }
        Value triggers = source.isNull() ? null : source.attr("triggers");
        Value replace = Value.DYNAMIC_NULL;
        if (triggers != null && !triggers.isNull()) {
            Map<String, Value> attrs = new LinkedHashMap<>();
            triggers.entries().forEach(attrs::put);
            replace = Value.object(attrs);
        }
        Map<String, Value> out = new LinkedHashMap<>();
        out.put("id", source.isNull() ? Value.nullOf(Type.STRING) : source.attr("id"));
        out.put("input", Value.DYNAMIC_NULL);
        out.put("output", Value.DYNAMIC_NULL);
        out.put("triggers_replace", replace);
        return new MoveResourceStateResponse(WireCodec.INSTANCE.encode(Value.object(out), TerraformData.TYPE),
                List.of(), null, null);
    }

    private static MoveResourceStateResponse failed(String summary, String detail) {
        return new MoveResourceStateResponse(null, List.of(ProviderDiagnostic.error(summary, detail)), null, null);
    }
}
