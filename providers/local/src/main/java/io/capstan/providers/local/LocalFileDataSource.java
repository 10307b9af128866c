package io.capstan.providers.local;

import io.capstan.provider.sdk.AttributeSpec;
import io.capstan.provider.sdk.BlockSpec;
import io.capstan.provider.sdk.DataSource;
import io.capstan.provider.sdk.Diagnostics;
import io.capstan.provider.sdk.ObjectData;
import io.capstan.provider.sdk.ResourceSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** {@code data "local_file"} and {@code data "local_sensitive_file"}: a file's content and checksums. */
final class LocalFileDataSource implements DataSource {
    private final ResourceSchema schema;

    LocalFileDataSource(boolean sensitive) {
        AttributeSpec content = AttributeSpec.string("content").computed().description("Raw content of the file.");
        AttributeSpec b64 = AttributeSpec.string("content_base64").computed()
                .description("Base64 encoded content of the file.");
        List<AttributeSpec> attrs = new ArrayList<>(List.of(
                AttributeSpec.string("filename").required().description("Path to the file that will be read."),
                sensitive ? content.sensitive() : content,
                sensitive ? b64.sensitive() : b64));
        attrs.addAll(FileHashes.computedAttributes());
        this.schema = new ResourceSchema(0, new BlockSpec(attrs, List.of(), "Reads a file from the local filesystem."));
    }

    @Override
    public ResourceSchema schema() {
        return schema;
    }

    @Override
    public void read(ObjectData data, Diagnostics diags) {
        Path file = Path.of(data.getString("filename"));
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            diags.attributeError("filename", "Read local file data source error",
                    "The file at given path cannot be read.\n\nOriginal Error: " + e);
            return;
        }
        data.set("content", new String(bytes, StandardCharsets.UTF_8));
        data.set("content_base64", Base64.getEncoder().encodeToString(bytes));
        FileHashes.set(data, bytes);
    }
}
