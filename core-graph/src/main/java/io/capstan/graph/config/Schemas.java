package io.capstan.graph.config;

import io.capstan.hcl.body.AttributeSchema;
import io.capstan.hcl.body.BlockHeaderSchema;
import io.capstan.hcl.body.BodySchema;

import java.util.ArrayList;
import java.util.List;

/** The body schemas of Terraform 1.11's configuration blocks (what {@code configs} decodes). */
final class Schemas {
    private Schemas() {
    }

    static BodySchema schema(String attrs, String... blocks) {
        List<AttributeSchema> as = new ArrayList<>();
        for (String a : attrs.isBlank() ? new String[0] : attrs.trim().split("\\s+")) {
            boolean req = a.endsWith("!");
            as.add(new AttributeSchema(req ? a.substring(0, a.length() - 1) : a, req));
        }
        List<BlockHeaderSchema> bs = new ArrayList<>();
        for (String b : blocks) {
            String[] p = b.split(":");
            List<String> labels = p.length > 1 ? List.of(p[1].split(",")) : List.of();
            bs.add(new BlockHeaderSchema(p[0], labels));
        }
        return new BodySchema(as, bs);
    }

    static final BodySchema FILE = schema("", "terraform", "required_providers", "provider:name", "variable:name",
            "locals", "output:name", "module:name", "resource:type,name", "data:type,name", "ephemeral:type,name",
            "moved", "import", "check:name", "removed");
    static final BodySchema TERRAFORM = schema("required_version experiments language",
            "required_providers", "provider_meta:provider", "backend:type", "cloud");
    static final BodySchema PROVIDER = schema("alias version");
    static final BodySchema VARIABLE = schema("description default type sensitive nullable ephemeral", "validation");
    static final BodySchema CHECK_RULE = schema("condition! error_message!");
    static final BodySchema OUTPUT = schema("description value! sensitive ephemeral depends_on", "precondition");
    static final BodySchema RESOURCE = schema("count for_each provider depends_on",
            "lifecycle", "connection", "provisioner:type", "_");
    static final BodySchema DATA = schema("count for_each provider depends_on", "lifecycle");
    static final BodySchema EPHEMERAL = schema("count for_each provider depends_on", "lifecycle");
    static final BodySchema LIFECYCLE = schema("create_before_destroy prevent_destroy ignore_changes replace_triggered_by",
            "precondition", "postcondition");
    static final BodySchema DATA_LIFECYCLE = schema("", "precondition", "postcondition");
    static final BodySchema PROVISIONER = schema("when on_failure", "connection");
    static final BodySchema MODULE = schema("source! version count for_each providers depends_on");
    static final BodySchema MOVED = schema("from! to!");
    static final BodySchema REMOVED = schema("from!", "lifecycle", "provisioner:type", "connection");
    static final BodySchema REMOVED_LIFECYCLE = schema("destroy");
    static final BodySchema IMPORT = schema("to! id! provider for_each");
    static final BodySchema CHECK = schema("", "data:type,name", "assert");
    static final BodySchema BACKEND_OR_CLOUD = schema("");
}
