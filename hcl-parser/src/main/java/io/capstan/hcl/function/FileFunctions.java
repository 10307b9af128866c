package io.capstan.hcl.function;

import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** File and path functions; relative paths resolve against the context's base directory. */
final class FileFunctions {
    private FileFunctions() {
    }

    static void register(FunctionRegistry r) {
        r.add(Function.builder("file").param("path", Type.STRING).returns(Type.STRING).impl((args, ret, ctx) -> {
            byte[] b = read(ctx, Args.str(args, 0), 0);
            return Value.of(EncodingFunctions.utf8(b, 0, "contents of " + Args.str(args, 0)
                    + " are not valid UTF-8; use the filebase64 function to obtain the Base64 encoded contents or the other file functions (e.g. filemd5, filesha256) to obtain file hashing results instead"));
        }).build());
        r.add(Function.builder("filebase64").param("path", Type.STRING).returns(Type.STRING).impl((args, ret, ctx) ->
                Value.of(Base64.getEncoder().encodeToString(read(ctx, Args.str(args, 0), 0)))).build());
        r.add(Function.builder("fileexists").param("path", Type.STRING).returns(Type.BOOL).impl((args, ret, ctx) -> {
            Path p = resolve(ctx, Args.str(args, 0));
            if (Files.isDirectory(p)) {
                throw new FunctionException("\"" + Args.str(args, 0) + "\" is a directory, not a file");
            }
            return Value.of(Files.isRegularFile(p));
        }).build());
        for (String[] h : new String[][] {{"filemd5", "MD5", "hex"}, {"filesha1", "SHA-1", "hex"},
            {"filesha256", "SHA-256", "hex"}, {"filesha512", "SHA-512", "hex"},
            {"filebase64sha256", "SHA-256", "b64"}, {"filebase64sha512", "SHA-512", "b64"}}) {
            r.add(Function.builder(h[0]).param("path", Type.STRING).returns(Type.STRING).impl((args, ret, ctx) -> {
                byte[] d = CryptoFunctions.digest(h[1], read(ctx, Args.str(args, 0), -1));
                return Value.of(h[2].equals("hex") ? HexFormat.of().formatHex(d) : Base64.getEncoder().encodeToString(d));
            }).build());
        }
        r.add(Function.builder("fileset").param("path", Type.STRING).param("pattern", Type.STRING)
                .returns(Type.set(Type.STRING)).impl((args, ret, ctx) -> fileset(ctx, Args.str(args, 0), Args.str(args, 1)))
                .build());
        r.add(StringFunctions.unary("basename", FileFunctions::basename));
        r.add(StringFunctions.unary("dirname", FileFunctions::dirname));
        r.add(StringFunctions.unary("pathexpand", s -> {
            if (s.equals("~") || s.startsWith("~/")) {
                return System.getProperty("user.home") + s.substring(1);
            }
            return s;
        }));
        r.add(Function.builder("abspath").param("path", Type.STRING).returns(Type.STRING).impl((args, ret, ctx) -> {
            String s = Args.str(args, 0);
            Path p = Path.of(s);
            if (!p.isAbsolute()) {
                p = Path.of(System.getProperty("user.dir")).resolve(p);
            }
            return Value.of(clean(p.toString()));
        }).build());
    }

    static Path resolve(FunctionContext ctx, String path) {
        String p = path;
        if (p.equals("~") || p.startsWith("~/")) {
            p = System.getProperty("user.home") + p.substring(1);
        }
        Path x = Path.of(p);
        return x.isAbsolute() ? x : ctx.baseDir().resolve(x);
    }

    private static byte[] read(FunctionContext ctx, String path, int argIndex) {
        Path p = resolve(ctx, path);
        try {
            if (path.isEmpty() || Files.isDirectory(p)) {
                throw new IOException("is a directory");
            }
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new FunctionException(argIndex, "no file exists at " + io.capstan.hcl.value.GoFormat.quote(path)
                    + "; this function works only with files that are distributed as part of the configuration source code, "
                    + "so if this file will be created by a resource in this configuration you must instead obtain this "
                    + "result from an attribute of that resource");
        }
    }

    private static Value fileset(FunctionContext ctx, String dir, String pattern) {
        Path base = resolve(ctx, dir);
        Glob glob;
        try {
            glob = Glob.compile(clean(pattern));
        } catch (Glob.BadPatternException e) {
            // Terraform globs the joined, cleaned path and quotes it in the message.
            throw new FunctionException("failed to glob pattern " + io.capstan.hcl.value.GoFormat.quote(clean(dir + "/" + pattern))
                    + ": " + e.getMessage());
        }
        List<Value> out = new ArrayList<>();
        if (Files.isDirectory(base)) {
            try (Stream<Path> s = Files.walk(base)) {
                s.filter(Files::isRegularFile).forEach(f -> {
                    String rel = base.relativize(f).toString().replace('\\', '/');
                    if (glob.matches(rel)) {
                        out.add(Value.of(rel));
                    }
                });
            } catch (IOException e) {
                throw new FunctionException("failed to glob pattern: " + e.getMessage());
            }
        }
        return Value.set(Type.STRING, out);
    }

    /** Go's path/filepath.Base. */
    static String basename(String s) {
        if (s.isEmpty()) {
            return ".";
        }
        while (s.length() > 1 && s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.equals("/")) {
            return "/";
        }
        int i = s.lastIndexOf('/');
        return i >= 0 ? s.substring(i + 1) : s;
    }

    /** Go's path/filepath.Dir. */
    static String dirname(String s) {
        int i = s.lastIndexOf('/');
        String dir = clean(s.substring(0, i + 1));
        return dir;
    }

    /** Go's path.Clean. */
    static String clean(String p) {
        if (p.isEmpty()) {
            return ".";
        }
        boolean rooted = p.startsWith("/");
        List<String> out = new ArrayList<>();
        for (String part : p.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!out.isEmpty() && !out.get(out.size() - 1).equals("..")) {
                    out.remove(out.size() - 1);
                } else if (!rooted) {
                    out.add("..");
                }
            } else {
                out.add(part);
            }
        }
        String joined = String.join("/", out);
        if (rooted) {
            return "/" + joined;
        }
        return joined.isEmpty() ? "." : joined;
    }
}
