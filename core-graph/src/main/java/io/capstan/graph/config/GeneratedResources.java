package io.capstan.graph.config;

import io.capstan.graph.addrs.AbsResourceInstance;
import io.capstan.graph.addrs.InstanceKey;
import io.capstan.graph.addrs.Resource;
import io.capstan.graph.addrs.ResourceMode;
import io.capstan.hcl.body.Body;
import io.capstan.hcl.body.PartialContent;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Result;
import io.capstan.hcl.parser.HclParser;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The resources {@code plan -generate-config-out} generates configuration for: each root-module
 * {@code import} block without {@code for_each} whose target (without instance key) has no
 * {@code resource} block. The plan walks a copy of the tree where each such resource has a
 * placeholder block; once its object is imported, the placeholder gets the generated body, parsed
 * as terraform parses it (meta-arguments such as {@code provider} taken out).
 */
public final class GeneratedResources {
    private GeneratedResources() {
    }

    /** The targets to generate configuration for, with their import blocks, in block order. */
    public static Map<Resource, Import> targets(ModuleTree root) {
        Map<Resource, Import> out = new LinkedHashMap<>();
        for (Import im : root.module().imports()) {
            if (im.forEach() != null) {
                continue;
            }
            AbsResourceInstance a = ImportTargets.staticAddress(im.to(), new Diagnostics());
            if (a == null || !a.module().isRoot() || !(a.resource().key() instanceof InstanceKey.None)) {
                continue;
            }
            Resource r = a.resource().resource();
            if (r.mode() == ResourceMode.MANAGED && !root.module().resources().containsKey(r)) {
                out.putIfAbsent(r, im);
            }
        }
        return out;
    }

    /** A copy of the root tree whose root module also has a placeholder block for each target (children shared). */
    public static ModuleTree withPlaceholders(ModuleTree root, Map<Resource, Import> targets) {
        Module m = root.module().copy();
        targets.forEach((r, im) -> m.resources.put(r, placeholder(r, im)));
        return copy(root, m, null);
    }

    private static ModuleTree copy(ModuleTree src, Module m, ModuleTree parent) {
        ModuleTree t = new ModuleTree(src.path(), m, parent);
        src.children().forEach((name, c) -> t.addChild(name, copy(c, c.module(), t)));
        return t;
    }

    private static ResourceConfig placeholder(Resource r, Import im) {
        Body empty = HclParser.parseConfig(new byte[0], "").value().body();
        return new ResourceConfig(r, null, null, im.provider(), List.of(), Lifecycle.DEFAULT, List.of(), null, empty,
                im.declRange(), im.to().range());
    }

    /**
     * The placeholder {@code rc} with the generated arguments and blocks {@code contents} as its
     * body, parsed under the name of the file they go to.
     */
    public static Result<ResourceConfig> withBody(ResourceConfig rc, String contents, String filename) {
        Diagnostics diags = new Diagnostics();
        var file = HclParser.parseConfig(contents.getBytes(StandardCharsets.UTF_8), filename);
        diags.addAll(file.diagnostics());
        if (file.hasErrors() || file.value() == null) {
            return new Result<>(null, diags);
        }
        Result<PartialContent> pc = file.value().body().partialContent(Schemas.RESOURCE);
        diags.addAll(pc.diagnostics());
        if (pc.hasErrors()) {
            return new Result<>(null, diags);
        }
        return new Result<>(new ResourceConfig(rc.addr(), null, null, rc.provider(), List.of(), Lifecycle.DEFAULT,
                List.of(), null, pc.value().remain(), rc.declRange(), rc.typeRange()), diags);
    }
}
