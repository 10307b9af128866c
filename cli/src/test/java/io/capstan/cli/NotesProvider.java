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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A test provider, {@code capstan/notes}, whose refresh reports a changed attribute: a
 * {@code notes_note} is a file whose {@code text} is read back on every refresh, so a file edited
 * outside shows as update drift ("has changed"), and a changed {@code text} is updated in place
 * (a new {@code path} replaces the note). Run by terraform and Capstan alike through a mirror of
 * launchers on the test class path ({@link #mirror}).
 */
public final class NotesProvider {
    private NotesProvider() {
    }

    public static void main(String[] args) {
        ProviderMain.serve(Provider.builder("notes").resource("notes_note", new Note()).build());
    }

    /** A filesystem mirror holding {@code capstan/notes} 0.1.0 for {@code init -plugin-dir}. */
    static Path mirror(Path tmp) throws IOException {
        return ClassPathProviders.install(tmp.resolve("notes-mirror"), "notes", NotesProvider.class);
    }

    private static final class Note implements Resource {
        private final ResourceSchema schema = ResourceSchema.of(
                AttributeSpec.string("path").required().requiresReplace(),
                AttributeSpec.string("text").required(),
                AttributeSpec.string("id").computed().useStateForUnknown());

        @Override
        public ResourceSchema schema() {
            return schema;
        }

        @Override
        public void create(ObjectData planned, Diagnostics diags) {
            write(planned, diags);
            planned.set("id", planned.getString("path"));
        }

        @Override
        public boolean read(ObjectData state, Diagnostics diags) {
            try {
                state.set("text", Files.readString(Path.of(state.getString("path")), StandardCharsets.UTF_8));
                return true;
            } catch (NoSuchFileException e) {
                return false;
            } catch (IOException e) {
                diags.attributeError("path", "Cannot read the note", e.toString());
                return true;
            }
        }

        @Override
        public void update(ObjectData prior, ObjectData planned, Diagnostics diags) {
            write(planned, diags);
        }

        @Override
        public void delete(ObjectData state, Diagnostics diags) {
            try {
                Files.deleteIfExists(Path.of(state.getString("path")));
            } catch (IOException e) {
                diags.attributeError("path", "Cannot delete the note", e.toString());
            }
        }

        private static void write(ObjectData planned, Diagnostics diags) {
            try {
                Files.writeString(Path.of(planned.getString("path")), planned.getString("text"), StandardCharsets.UTF_8);
            } catch (IOException e) {
                diags.attributeError("path", "Cannot write the note", e.toString());
            }
        }
    }
}
