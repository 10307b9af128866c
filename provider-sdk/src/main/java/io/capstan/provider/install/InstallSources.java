package io.capstan.provider.install;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The ordered installation methods {@code init} consults, chosen as Terraform chooses them:
 * only the {@code -plugin-dir} directories when any is given; else the CLI configuration's
 * {@code provider_installation} methods; else the implied local mirrors
 * ({@code terraform.d/plugins} in the working directory, {@code ~/.terraform.d/plugins},
 * {@code $XDG_DATA_HOME/terraform/plugins} and each {@code $XDG_DATA_DIRS/terraform/plugins})
 * followed by direct installation of everything they do not hold.
 */
public record InstallSources(List<InstallMethod> methods, String origin) {
    public InstallSources {
        methods = List.copyOf(methods);
        Objects.requireNonNull(origin, "origin");
    }

    /** Only these directories, as with {@code -plugin-dir}. */
    public static InstallSources pluginDirs(List<Path> dirs) {
        return new InstallSources(dirs.stream().<InstallMethod>map(InstallMethod.FilesystemMirror::of).toList(),
                "-plugin-dir");
    }

    /** The methods for a working directory, CLI configuration, environment and home directory. */
    public static InstallSources resolve(CliConfig config, Path workDir, Map<String, String> env, Path home)
            throws IOException {
        if (config.installation() != null) {
            return new InstallSources(config.installation(), "the provider_installation block of the CLI configuration");
        }
        List<InstallMethod> out = new ArrayList<>();
        List<ProviderPattern> found = new ArrayList<>();
        for (Path dir : impliedDirs(workDir, env, home)) {
            if (Files.isDirectory(dir)) {
                out.add(InstallMethod.FilesystemMirror.of(dir));
                found.addAll(providersIn(dir));
            }
        }
        out.add(new InstallMethod.Direct(List.of(), found));
        return new InstallSources(out, "the implied local mirror directories");
    }

    /** Terraform's implied local mirror directories on Unix, in search order. */
    public static List<Path> impliedDirs(Path workDir, Map<String, String> env, Path home) {
        List<Path> dirs = new ArrayList<>();
        dirs.add(workDir.resolve("terraform.d").resolve("plugins"));
        dirs.add(home.resolve(".terraform.d").resolve("plugins"));
        String dataHome = env.getOrDefault("XDG_DATA_HOME", "");
        dirs.add((dataHome.isEmpty() ? home.resolve(".local").resolve("share") : Path.of(dataHome))
                .resolve("terraform").resolve("plugins"));
        String dataDirs = env.getOrDefault("XDG_DATA_DIRS", "");
        for (String d : (dataDirs.isEmpty() ? "/usr/local/share:/usr/share" : dataDirs).split(":")) {
            if (!d.isEmpty()) {
                dirs.add(Path.of(d).resolve("terraform").resolve("plugins"));
            }
        }
        return dirs;
    }

    private static List<ProviderPattern> providersIn(Path mirror) throws IOException {
        List<ProviderPattern> out = new ArrayList<>();
        for (Path host : children(mirror)) {
            for (Path ns : children(host)) {
                for (Path type : children(ns)) {
                    out.add(new ProviderPattern(host.getFileName().toString(), ns.getFileName().toString(),
                            type.getFileName().toString()));
                }
            }
        }
        return out;
    }

    private static List<Path> children(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, Files::isDirectory)) {
            ds.forEach(out::add);
        }
        return out;
    }

    /** Every version offered for {@code a}; for a version in several places the first method wins. */
    public Map<Version, ProviderPackage> available(ProviderAddress a, String platform) throws IOException {
        Map<Version, ProviderPackage> out = new TreeMap<>();
        for (InstallMethod m : methods) {
            if (m.accepts(a)) {
                for (ProviderPackage p : m.packages(a, platform)) {
                    out.putIfAbsent(p.version(), p);
                }
            }
        }
        return out;
    }

    /** The locations searched for {@code a}, for "not found" messages. */
    public List<String> searched(ProviderAddress a) {
        return methods.stream().filter(m -> m.accepts(a)).map(InstallMethod::describe).toList();
    }
}
