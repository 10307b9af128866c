package io.capstan.orchestrator.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * An instance's captured stdout and stderr: appended to {@code NAME.log}, which is rotated to
 * {@code NAME.log.1} (then {@code .2}) when it passes {@code maxBytes}, so a chatty instance
 * cannot fill the disk. A process may write into the file itself (opened for append, so it
 * outlives the agent): rotation therefore copies the file and truncates it in place, and
 * {@link #rotateIfLarge()} looks at the file's real size rather than what passed through here.
 */
public final class RotatingLog implements AutoCloseable {
    private final Path file;
    private final long maxBytes;
    private final int keep;
    private OutputStream out;
    private long size;

    public RotatingLog(Path file, long maxBytes, int keep) throws IOException {
        this.file = file;
        this.maxBytes = maxBytes;
        this.keep = keep;
        Files.createDirectories(file.toAbsolutePath().getParent());
        open();
    }

    private void open() throws IOException {
        out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        size = Files.size(file);
    }

    public synchronized void write(byte[] b, int off, int len) throws IOException {
        if (size + len > maxBytes && size > 0) {
            rotate();
        }
        out.write(b, off, len);
        out.flush();
        size += len;
    }

    public synchronized void line(String text) {
        byte[] b = (text + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            write(b, 0, b.length);
        } catch (IOException ignored) {
            // the log is best effort
        }
    }

    /** Rotates when the file (written to by this log and by a process appending to it directly) passed the limit. */
    public synchronized void rotateIfLarge() {
        try {
            if (Files.size(file) > maxBytes) {
                rotate();
            }
        } catch (IOException ignored) {
            // the log is best effort
        }
    }

    /** Copy, then truncate in place: writers that opened the file for append go on writing at its new end. */
    private void rotate() throws IOException {
        for (int i = keep; i >= 2; i--) {
            Path from = file.resolveSibling(file.getFileName() + "." + (i - 1));
            Path to = file.resolveSibling(file.getFileName() + "." + i);
            if (Files.exists(from)) {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.copy(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(0);
        }
        size = 0;
    }

    /** Copies a stream into the log on a daemon thread until it ends. */
    public Thread pump(InputStream in, String name) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    write(buf, 0, n);
                }
            } catch (IOException ignored) {
                // the process went away
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** The last {@code lines} lines (all when 0), reading rotated files when needed. */
    public static String tail(Path file, int lines, int keep) throws IOException {
        List<String> all = new ArrayList<>();
        for (int i = keep; i >= 0; i--) {
            Path f = i == 0 ? file : file.resolveSibling(file.getFileName() + "." + i);
            if (Files.exists(f)) {
                all.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
            }
        }
        if (lines > 0 && all.size() > lines) {
            all = all.subList(all.size() - lines, all.size());
        }
        return all.isEmpty() ? "" : String.join("\n", all) + "\n";
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
