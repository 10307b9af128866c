package io.capstan.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Runs {@link Main} in-process in a working directory and captures what a user would see. */
record CliRun(int code, String out, String err) {

  static CliRun in(Path workdir, String... args) {
    return withInput(workdir, "", args);
  }

  /**
   * Runs {@code capstan ARGS} with {@code -chdir=workdir} placed after the (sub)command words,
   * answering prompts from {@code stdin}.
   */
  static synchronized CliRun withInput(Path workdir, String stdin, String... args) {
    List<String> argv = new ArrayList<>();
    int words = 0;
    boolean placed = false;
    for (String a : args) {
      if (!placed && (a.startsWith("-") || !a.matches("[a-z-]+") || words == 2)) {
        argv.add("-chdir=" + workdir);
        placed = true;
      }
      if (!placed) {
        words++;
      }
      argv.add(a);
    }
    if (!placed) {
      argv.add("-chdir=" + workdir);
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    InputStream saved = System.in;
    System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    try {
      int code = Main.run(argv.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
      return new CliRun(code, out.toString(), err.toString());
    } finally {
      System.setIn(saved);
    }
  }

  /** A fresh copy of a test resource folder. */
  static Path copyOf(Path source, Path target) throws java.io.IOException {
    try (Stream<Path> s = Files.walk(source)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path t = target.resolve(source.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
    return target;
  }

  static Path resources() {
    return Path.of(System.getProperty("capstan.root", "..")).resolve("cli/src/test/resources");
  }
}
