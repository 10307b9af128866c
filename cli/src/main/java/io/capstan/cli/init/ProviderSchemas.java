package io.capstan.cli.init;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.capstan.engine.builtin.BuiltinTerraformProvider;
import io.capstan.graph.config.ConfigLoader;
import io.capstan.graph.config.ModuleTree;
import io.capstan.hcl.body.File;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.DiagnosticRenderer;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Result;
import io.capstan.provider.client.GetProviderSchemaRequest;
import io.capstan.provider.client.GetProviderSchemaResponse;
import io.capstan.provider.client.PluginProviderClient;
import io.capstan.provider.client.ProviderDiagnostic;
import io.capstan.provider.install.LockFile;
import io.capstan.provider.install.LockedProvider;
import io.capstan.provider.install.ProviderAddress;
import io.capstan.provider.install.ProviderInstaller;
import io.capstan.provider.install.VersionConstraints;
import io.capstan.provider.plugin.PluginLaunchSpec;
import io.capstan.provider.schema.ProviderSchema;
import io.capstan.provider.schema.ProviderSchemaJson;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Loads the schemas of the providers a configuration requires, from the packages
 * {@code init} installed at the versions the lock file selected, and streams Terraform's
 * {@code providers schema -json} document. Strings are escaped as Go's encoding/json
 * escapes them ({@code <}, {@code >}, {@code &}, U+2028, U+2029), so the bytes match too.
 */
public final class ProviderSchemas {
    private ProviderSchemas() {
    }

    /** Prints the document to {@code out}; errors go to {@code err}. Returns the exit code. */
    public static int print(Path workDir, Path dataDir, OutputStream out, PrintWriter err) throws IOException {
        Diagnostics diags = new Diagnostics();
        Map<String, ProviderSchema> schemas = load(workDir, dataDir, diags);
        if (diags.hasErrors()) {
            err.print(new DiagnosticRenderer(File.sources(List.of()), false, DiagnosticRenderer.DEFAULT_WIDTH)
                    .renderAll(diags));
            err.flush();
            return 1;
        }
        ObjectMapper mapper = new ObjectMapper();
        try (JsonGenerator g = mapper.getFactory().createGenerator(out)) {
            g.setCharacterEscapes(GoEscapes.INSTANCE);
            ProviderSchemaJson.write(g, schemas, java.util.Set.of(ProviderAddress.BUILTIN_TERRAFORM.toString()));
            g.writeRaw('\n');
        }
        out.flush();
        return 0;
    }

    /** One provider's schema being fetched in the background. */
    private record Fetch(Path executable, CompletableFuture<GetProviderSchemaResponse> schema) {
    }

    /**
     * The schemas by provider address; problems (not initialized, provider failed) become
     * diagnostics. Providers take seconds to start and describe themselves (hashicorp/aws about
     * as long as everything else together), so every provider the lock file selected and
     * {@code init} installed is started at once, in parallel with loading the configuration;
     * the configuration then decides which schemas are printed.
     */
    public static Map<String, ProviderSchema> load(Path workDir, Path dataDir, Diagnostics diags) throws IOException {
        Map<String, ProviderSchema> out = new TreeMap<>();
        Result<LockFile> lock = ProviderInstaller.readLock(workDir);
        String platform = ProviderInstaller.currentPlatform();
        Map<ProviderAddress, Fetch> fetches = new LinkedHashMap<>();
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "provider-schema");
            t.setDaemon(true);
            return t;
        });
        try {
            if (lock != null && !lock.hasErrors()) {
                for (LockedProvider locked : lock.value().providers().values()) {
                    ProviderAddress a = locked.address();
                    Path exe = executable(ProviderInstaller.packageDir(dataDir, a, locked.version(), platform), a);
                    if (exe != null) {
                        fetches.put(a, new Fetch(exe, CompletableFuture.supplyAsync(() -> fetch(a, exe), pool)));
                    }
                }
            }
            Result<ModuleTree> loaded = ConfigLoader.load(workDir);
            diags.addAll(loaded.diagnostics());
            if (loaded.hasErrors()) {
                return out;
            }
            Map<ProviderAddress, VersionConstraints> reqs = ModuleRequirements.collect(loaded.value(), diags).merged();
            if (lock != null) {
                diags.addAll(lock.diagnostics());
            }
            for (ProviderAddress a : reqs.keySet()) {
                if (a.isBuiltin()) {
                    out.put(a.toString(), new BuiltinTerraformProvider()
                            .getProviderSchema(GetProviderSchemaRequest.INSTANCE).schema());
                    continue;
                }
                Fetch f = fetches.get(a);
                if (f == null) {
                    LockedProvider locked = lock == null ? null : lock.value().get(a);
                    diags.add(Diagnostic.error("Required plugins are not installed", "The installed provider plugins "
                            + "are not consistent with the packages selected in the dependency lock file:\n  - " + a
                            + ": " + (locked == null ? "required by this configuration but no version is selected"
                            : "there is no package for " + a + " " + locked.version() + " cached in "
                            + dataDir.getFileName() + "/providers") + "\n\nCapstan uses external plugins to integrate "
                            + "with a variety of different infrastructure services. To download the plugins required "
                            + "for this configuration, run:\n  capstan init", null));
                    continue;
                }
                GetProviderSchemaResponse r = f.schema().join();
                for (ProviderDiagnostic d : r.diagnostics()) {
                    diags.add(d.isError() ? Diagnostic.error(d.summary(), d.detail(), null)
                            : Diagnostic.warning(d.summary(), d.detail(), null));
                }
                if (r.schema() != null) {
                    out.put(a.toString(), r.schema());
                }
            }
            return out;
        } finally {
            for (Fetch f : fetches.values()) {
                f.schema().cancel(false);
            }
            pool.shutdown();
        }
    }

    /** Starts the provider, asks for its schema and stops it again. */
    private static GetProviderSchemaResponse fetch(ProviderAddress a, Path exe) {
        try (PluginProviderClient client = new PluginProviderClient(
                PluginLaunchSpec.terraformProvider(a.toString(), exe), Duration.ofMinutes(5))) {
            return client.getProviderSchema(GetProviderSchemaRequest.INSTANCE);
        }
    }

    /** The provider executable in an installed package: {@code terraform-provider-TYPE*}. */
    static Path executable(Path packageDir, ProviderAddress a) throws IOException {
        if (!Files.isDirectory(packageDir)) {
            return null;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(packageDir, "terraform-provider-" + a.type() + "*")) {
            for (Path p : ds) {
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    /** Go's encoding/json HTML-safe escaping, with lower-case hex as Go writes it. */
    static final class GoEscapes extends CharacterEscapes {
        static final GoEscapes INSTANCE = new GoEscapes();
        private final int[] ascii = standardAsciiEscapesForJSON();

        private GoEscapes() {
            ascii['<'] = ESCAPE_CUSTOM;
            ascii['>'] = ESCAPE_CUSTOM;
            ascii['&'] = ESCAPE_CUSTOM;
            for (int c = 0; c < 0x20; c++) {
                if (ascii[c] == ESCAPE_STANDARD) {
                    ascii[c] = ESCAPE_CUSTOM;
                }
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return switch (ch) {
                case '\n' -> new SerializedString("\\n");
                case '\r' -> new SerializedString("\\r");
                case '\t' -> new SerializedString("\\t");
                case '<', '>', '&', 0x2028, 0x2029 -> new SerializedString(String.format("\\u%04x", ch));
                default -> ch < 0x20 ? new SerializedString(String.format("\\u%04x", ch)) : null;
            };
        }
    }
}
