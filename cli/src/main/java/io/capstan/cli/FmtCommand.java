package io.capstan.cli;

import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Result;
import io.capstan.hcl.fmt.HclFormatter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code capstan fmt}: rewrites configuration files to the canonical layout, with
 * Terraform's flags, output and exit codes (0 done, 2 errors, 3 for {@code -check} when a
 * file would change). Targets are files, directories (their {@code .tf}, {@code .tfvars},
 * {@code .tftest.hcl} and {@code .tfmock.hcl} files) or {@code -} for stdin to stdout.
 */
@Command(name = "fmt", description = "Reformat your configuration in the standard style")
public final class FmtCommand implements Callable<Integer> {
    private static final List<String> EXTENSIONS = List.of(".tf", ".tfvars", ".tftest.hcl", ".tfmock.hcl");

    @Spec
    CommandSpec spec;

    @Option(names = "--list", arity = "0..1", fallbackValue = "true",
            description = "Don't list files whose formatting differs (-list=false)")
    boolean list = true;

    @Option(names = "--write", arity = "0..1", fallbackValue = "true",
            description = "Don't write to source files (-write=false)")
    boolean write = true;

    @Option(names = "--diff", arity = "0..1", fallbackValue = "true", description = "Display diffs of formatting changes")
    boolean diff;

    @Option(names = "--check", arity = "0..1", fallbackValue = "true",
            description = "Check if the input is formatted; exit status 3 if not")
    boolean check;

    @Option(names = "--recursive", arity = "0..1", fallbackValue = "true",
            description = "Also process files in subdirectories")
    boolean recursive;

    @Option(names = "--no-color", description = "Output won't contain any color (there is none)")
    boolean noColor;

    @Parameters(arity = "0..*", paramLabel = "target")
    List<String> targets = new ArrayList<>();

    /** Files that failed to parse, kept so their diagnostics can quote source and context. */
    private final java.util.Map<String, io.capstan.hcl.body.File> badFiles = new java.util.LinkedHashMap<>();
    private final Path cwd = Main.workingDirectory();
    private StringBuilder output;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean stdin = !targets.isEmpty() && targets.get(0).equals("-");
        List<String> paths = targets.isEmpty() ? List.of(".") : stdin ? List.of() : targets;
        if (stdin) {
            list = false;
            write = false;
        }
        boolean listRequested = list;
        if (check) {
            list = true;
            write = false;
        }
        output = new StringBuilder();
        Diagnostics diags = new Diagnostics();
        if (stdin) {
            processStdin(diags, out);
        } else {
            for (String p : paths) {
                if (!processTarget(p, diags, out, check)) {
                    break;
                }
            }
        }
        var renderer = new io.capstan.hcl.diag.DiagnosticRenderer(io.capstan.hcl.body.File.sources(badFiles.values()),
                !noColor, io.capstan.hcl.diag.DiagnosticRenderer.DEFAULT_WIDTH);
        for (Diagnostic d : diags) {
            // terraform fmt writes each diagnostic through Ui.Error: in its error colour (unless -no-color), then a newline
            err.print(FlagErrors.uiError(renderer.render(d), !noColor));
        }
        err.flush();
        if (diags.hasErrors()) {
            out.flush();
            return 2;
        }
        if (check) {
            boolean ok = output.length() == 0;
            if (listRequested && !ok) {
                emit(out, output.toString());
            }
            out.flush();
            return ok ? 0 : 3;
        }
        out.flush();
        return 0;
    }

    /** Writes text the way Terraform's UI writer does: always ending in exactly one newline it adds. */
    private static void emit(PrintWriter out, String text) {
        out.print(text.endsWith("\n") ? text : text + "\n");
    }

    private void write(PrintWriter out, String text) {
        if (check) {
            output.append(text);
        } else {
            emit(out, text);
        }
    }

    private void processStdin(Diagnostics diags, PrintWriter out) {
        byte[] bytes;
        try {
            bytes = readAll(Main.input());
        } catch (IOException e) {
            diags.add(Diagnostic.error("Failed to read <stdin>", null, null));
            return;
        }
        processSource("<stdin>", new String(bytes, StandardCharsets.UTF_8), null, diags, out, true);
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }

    /** Returns false when processing must stop (a target that does not exist). */
    private boolean processTarget(String given, Diagnostics diags, PrintWriter out, boolean checkMode) {
        String path = normalize(given);
        Path p = cwd.resolve(path);
        if (!Files.exists(p)) {
            diags.add(Diagnostic.error("No file or directory at " + path, null, null));
            return false;
        }
        if (Files.isDirectory(p)) {
            processDir(path, diags, out);
        } else if (EXTENSIONS.stream().anyMatch(path::endsWith)) {
            processFile(path, diags, out);
        } else {
            diags.add(Diagnostic.error(
                    "Only .tf, .tfvars, and .tftest.hcl files can be processed with capstan fmt", null, null));
        }
        return true;
    }

    private Diagnostics processDir(String path, Diagnostics diags, PrintWriter out) {
        List<Path> entries;
        try (Stream<Path> s = Files.list(cwd.resolve(path))) {
            entries = s.sorted((x, y) -> x.getFileName().toString().compareTo(y.getFileName().toString())).toList();
        } catch (IOException e) {
            diags.add(Diagnostic.error("Cannot read directory " + path, null, null));
            return diags;
        }
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            if (isIgnored(name)) {
                continue;
            }
            String sub = Path.of(path).resolve(name).normalize().toString();
            if (Files.isDirectory(entry)) {
                if (recursive) {
                    Diagnostics subDiags = new Diagnostics();
                    processDir(sub, subDiags, out);
                    diags.addAll(subDiags);
                    if (subDiags.hasErrors()) {
                        return diags;
                    }
                }
                continue;
            }
            if (EXTENSIONS.stream().anyMatch(name::endsWith)) {
                processFile(normalize(sub), diags, out);
            }
        }
        return diags;
    }

    /** Editor backups and hidden files, as Terraform skips them when loading configuration. */
    private static boolean isIgnored(String name) {
        return name.startsWith(".") || name.endsWith("~") || (name.startsWith("#") && name.endsWith("#"));
    }

    private void processFile(String path, Diagnostics diags, PrintWriter out) {
        Path file = cwd.resolve(path);
        String src;
        try {
            src = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            diags.add(Diagnostic.error("Failed to read file " + path, null, null));
            return;
        }
        processSource(path, src, file, diags, out, false);
    }

    private void processSource(String path, String src, Path file, Diagnostics diags, PrintWriter out, boolean stdout) {
        Result<String> r = HclFormatter.format(src, path);
        if (r.hasErrors()) {
            io.capstan.hcl.body.File parsed =
                    io.capstan.hcl.parser.HclParser.parseConfig(src.getBytes(StandardCharsets.UTF_8), path).value();
            if (parsed != null) {
                badFiles.put(path, parsed);
            }
            diags.addAll(r.diagnostics());
            return;
        }
        String result = r.value();
        if (!result.equals(src)) {
            if (list) {
                write(out, path + "\n");
            }
            if (write && file != null) {
                try {
                    Files.write(file, result.getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    diags.add(Diagnostic.error("Failed to write " + path, null, null));
                    return;
                }
            }
            if (diff) {
                write(out, UnifiedDiff.diff(src, result, "old/" + path, "new/" + path));
            }
        }
        if (!list && !write && !diff) {
            write(out, result);
        }
    }

    /** The path relative to the working directory when possible, as Terraform reports paths. */
    private String normalize(String given) {
        Path abs = cwd.resolve(given).normalize();
        String rel = cwd.relativize(abs).toString();
        return rel.isEmpty() ? "." : rel;
    }
}
