package io.capstan.providers.local;

import io.capstan.provider.sdk.AttributeSpec;
import io.capstan.provider.sdk.BlockSpec;
import io.capstan.provider.sdk.Diagnostics;
import io.capstan.provider.sdk.MovableResource;
import io.capstan.provider.sdk.ObjectData;
import io.capstan.provider.sdk.Resource;
import io.capstan.provider.sdk.ResourceSchema;
import io.capstan.provider.sdk.StateMove;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@code local_file} and {@code local_sensitive_file}: a file whose content comes from
 * exactly one of {@code content}, {@code content_base64} or {@code source}. Any argument
 * change re-creates the file; so does the file vanishing or being edited outside Terraform
 * (read compares its SHA-1 with {@code id}). Permissions are set exactly (no umask).
 *
 * <p>Each of the two accepts the other's objects through a {@code moved} block (a file's
 * content becomes sensitive, or stops being, without re-writing the file), from this provider
 * or from hashicorp/local, whose two types have the same attributes. hashicorp/local itself
 * (2.5) does not offer this move; it is Capstan's addition.
 */
final class LocalFileResource implements MovableResource {
    private static final List<String> SOURCES = List.of("content", "content_base64", "source");
    private final ResourceSchema schema;
    private final boolean sensitive;

    LocalFileResource(boolean sensitive) {
        this.sensitive = sensitive;
        String perm = sensitive ? "0700" : "0777";
        AttributeSpec content = AttributeSpec.string("content").optional().requiresReplace()
                .description("Content to store in the file, expected to be a UTF-8 encoded string.");
        AttributeSpec b64 = AttributeSpec.string("content_base64").optional().requiresReplace()
                .description("Content to store in the file, expected to be binary encoded as base64 string.");
        List<AttributeSpec> attrs = new ArrayList<>(List.of(
                AttributeSpec.string("filename").required().requiresReplace()
                        .description("The path to the file that will be created. Missing parent directories are created."),
                sensitive ? content.sensitive() : content,
                sensitive ? b64.sensitive() : b64,
                AttributeSpec.string("source").optional().requiresReplace()
                        .description("Path to file to use as source for the one we are creating."),
                AttributeSpec.string("file_permission").withDefault(perm).requiresReplace()
                        .description("Permissions to set for the output file (in numeric notation). Default \"" + perm + "\"."),
                AttributeSpec.string("directory_permission").withDefault(perm).requiresReplace()
                        .description("Permissions to set for directories created (in numeric notation). Default \""
                                + perm + "\".")));
        attrs.addAll(FileHashes.computedAttributes());
        this.schema = new ResourceSchema(0, new BlockSpec(attrs, List.of(), sensitive
                ? "Generates a local file with the given sensitive content."
                : "Generates a local file with the given content."));
    }

    @Override
    public ResourceSchema schema() {
        return schema;
    }

    /** The sibling type, from this provider or hashicorp/local, at schema version 0. */
    @Override
    public boolean acceptsMove(StateMove from) {
        String sibling = sensitive ? "local_file" : "local_sensitive_file";
        return (from.from("capstan/local", sibling) || from.from("hashicorp/local", sibling))
                && from.sourceSchemaVersion() == 0;
    }

    /** Same attributes, same file: everything is carried over (hashicorp's {@code sensitive_content} is dropped). */
    @Override
    public void moveState(StateMove from, ObjectData target, Diagnostics diags) {
        from.copyCommonAttributes(target);
        if (target.isNull("id") || target.isNull("filename")) {
            diags.error("Invalid source state", "The " + from.sourceTypeName() + " state has no filename or id, so "
                    + "there is no file to move.");
        }
    }

    @Override
    public void validate(ObjectData config, Diagnostics diags) {
        long set = SOURCES.stream().filter(s -> !config.isNull(s)).count();
        if (set != 1) {
            diags.error(Diagnostics.path(SOURCES.get(0)), "Invalid Attribute Combination",
                    "Exactly one of these attributes must be configured: [content,content_base64,source]");
        }
        for (String p : List.of("file_permission", "directory_permission")) {
            if (config.isKnown(p) && !config.isNull(p) && permissions(config.getString(p)) == null) {
                diags.attributeError(p, "Invalid Attribute Value",
                        "bad mode permission: string must be expressed in octal numeric notation, e.g. \"0644\"; got \""
                                + config.getString(p) + "\"");
            }
        }
    }

    /** The permission set of a numeric mode such as {@code 0644}, or null when it is not one. */
    static Set<PosixFilePermission> permissions(String mode) {
        if (!mode.matches("0?[0-7]{3}")) {
            return null;
        }
        int bits = Integer.parseInt(mode, 8);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
        for (int i = 0; i < order.length; i++) {
            if ((bits & (1 << i)) != 0) {
                out.add(order[i]);
            }
        }
        return out;
    }

    private static byte[] content(ObjectData d, Diagnostics diags) {
        if (!d.isNull("content")) {
            return d.getString("content").getBytes(StandardCharsets.UTF_8);
        }
        if (!d.isNull("content_base64")) {
            try {
                return Base64.getDecoder().decode(d.getString("content_base64"));
            } catch (IllegalArgumentException e) {
                diags.attributeError("content_base64", "Invalid base64", e.getMessage());
                return null;
            }
        }
        try {
            return Files.readAllBytes(Path.of(d.getString("source")));
        } catch (IOException e) {
            diags.attributeError("source", "Cannot read the source file", d.getString("source") + ": " + e);
            return null;
        }
    }

    @Override
    public void create(ObjectData planned, Diagnostics diags) {
        byte[] content = content(planned, diags);
        if (content == null) {
            return;
        }
        Path file = Path.of(planned.getString("filename"));
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                createDirectories(parent, permissions(planned.getString("directory_permission")));
            }
            Files.write(file, content);
            Files.setPosixFilePermissions(file, permissions(planned.getString("file_permission")));
        } catch (IOException e) {
            diags.attributeError("filename", "Create local file error", "An unexpected error occurred while writing "
                    + file + ": " + e);
            return;
        }
        FileHashes.set(planned, content);
    }

    private static void createDirectories(Path dir, Set<PosixFilePermission> perms) throws IOException {
        Path parent = dir.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            createDirectories(parent, perms);
        }
        try {
            Files.createDirectory(dir);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            // another resource created it concurrently (the engine applies in parallel)
            if (Files.isDirectory(dir)) {
                return;
            }
            throw e;
        }
        Files.setPosixFilePermissions(dir, perms);
    }

    @Override
    public boolean read(ObjectData state, Diagnostics diags) {
        Path file = Path.of(state.getString("filename"));
        byte[] now;
        try {
            now = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            diags.attributeError("filename", "Read local file error", file + ": " + e);
            return true;
        }
        // Edited outside Terraform: forget it, so the plan writes the configured content again.
        return FileHashes.sha1Hex(now).equals(state.getString("id"));
    }

    @Override
    public void delete(ObjectData state, Diagnostics diags) {
        Path file = Path.of(state.getString("filename"));
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            diags.attributeError("filename", "Delete local file error", file + ": " + e);
        }
    }
}
