package io.capstan.provider.install;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code dev_overrides} blocks of a CLI configuration file, read before the file is parsed.
 *
 * <p>Terraform reads its CLI configuration with HCL 1, where a block's body may hold quoted keys, and
 * {@code dev_overrides} is written that way ({@code "hashicorp/null" = "/home/dev/null"}), which HCL 2's
 * native syntax (Capstan's parser) refuses as an attribute name. HCL 1 strings are not templates either:
 * {@code "${HOME}/x"} is text, expanded later as an environment variable. So each {@code dev_overrides}
 * body is read here as HCL 1 would (quoted or bare keys, {@code =}, quoted values, newlines or commas
 * between items, {@code #}, {@code //} and {@code /* *}{@code /} comments) and blanked in the source given
 * to the HCL 2 parser (newlines kept, so that every other position stays the same), which then sees an
 * empty {@code dev_overrides {}} block in its place.
 */
final class DevOverridesScan {
    /** One {@code KEY = "VALUE"} item, with the 1-based line and column of its key. */
    record Item(String key, String value, int line, int column) {
    }

    /** One block: its 1-based line and column, its items, and a syntax problem (null when none). */
    record BlockItems(int line, int column, List<Item> items, String problem) {
    }

    private final byte[] src;
    private final List<BlockItems> blocks = new ArrayList<>();
    private int pos;

    private DevOverridesScan(byte[] src) {
        this.src = src.clone();
    }

    /** Scans {@code src}; cheap when the text does not mention {@code dev_overrides}. */
    static DevOverridesScan of(byte[] src) {
        DevOverridesScan s = new DevOverridesScan(src);
        if (new String(src, StandardCharsets.UTF_8).contains("dev_overrides")) {
            s.scan();
        }
        return s;
    }

    /** The source with every {@code dev_overrides} body blanked. */
    byte[] blanked() {
        return src;
    }

    List<BlockItems> blocks() {
        return blocks;
    }

    private void scan() {
        while (pos < src.length) {
            byte c = src[pos];
            if (c == '"') {
                skipString();
            } else if (c == '#' || (c == '/' && peek(1) == '/')) {
                skipLine();
            } else if (c == '/' && peek(1) == '*') {
                skipBlockComment();
            } else if (isWordChar(c) && (pos == 0 || !isWordChar(src[pos - 1])) && word("dev_overrides")) {
                int start = pos;
                pos += "dev_overrides".length();
                skipSpaces(false);
                if (pos < src.length && src[pos] == '{') {
                    block(start);
                }
            } else {
                pos++;
            }
        }
    }

    private void block(int start) {
        int line = line(start);
        int column = column(start);
        int open = pos++;
        List<Item> items = new ArrayList<>();
        String problem = null;
        while (true) {
            skipSpaces(true);
            if (pos >= src.length) {
                problem = "the block is not closed";
                break;
            }
            byte c = src[pos];
            if (c == '}') {
                break;
            }
            if (c == ',') {
                pos++;
                continue;
            }
            int keyAt = pos;
            String key = c == '"' ? string() : bare();
            if (key == null) {
                problem = "unexpected \"" + (char) c + "\" at " + line(pos) + ":" + column(pos)
                        + "; expected a provider source address";
                skipTo('}');
                break;
            }
            skipSpaces(false);
            if (pos >= src.length || src[pos] != '=') {
                problem = "expected \"=\" after \"" + key + "\" at " + line(keyAt) + ":" + column(keyAt);
                skipTo('}');
                break;
            }
            pos++;
            skipSpaces(false);
            String value = pos < src.length && src[pos] == '"' ? string() : null;
            if (value == null) {
                problem = "the value of \"" + key + "\" at " + line(keyAt) + ":" + column(keyAt)
                        + " must be a quoted directory path";
                skipTo('}');
                break;
            }
            items.add(new Item(key, value, line(keyAt), column(keyAt)));
        }
        int close = Math.min(pos, src.length);
        for (int i = open + 1; i < close; i++) {
            if (src[i] != '\n' && src[i] != '\r') {
                src[i] = ' ';
            }
        }
        if (pos < src.length) {
            pos++;
        }
        blocks.add(new BlockItems(line, column, List.copyOf(items), problem));
    }

    /** A quoted HCL 1 string at {@code pos} (escapes decoded), or null when it is not closed on its line. */
    private String string() {
        int start = ++pos;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        while (pos < src.length && src[pos] != '"' && src[pos] != '\n') {
            byte c = src[pos++];
            if (c != '\\' || pos >= src.length) {
                out.write(c);
                continue;
            }
            byte e = src[pos++];
            switch (e) {
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case 'r' -> out.write('\r');
                case '"', '\\' -> out.write(e);
                case 'u' -> {
                    if (pos + 4 <= src.length) {
                        String hex = new String(src, pos, 4, StandardCharsets.US_ASCII);
                        try {
                            out.writeBytes(String.valueOf((char) Integer.parseInt(hex, 16)).getBytes(StandardCharsets.UTF_8));
                            pos += 4;
                        } catch (NumberFormatException ex) {
                            out.write('\\');
                            out.write(e);
                        }
                    }
                }
                default -> {
                    out.write('\\');
                    out.write(e);
                }
            }
        }
        if (pos >= src.length || src[pos] != '"') {
            pos = start - 1;
            return null;
        }
        pos++;
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A bare HCL 1 key (letters, digits, {@code _ - . /}), or null when none starts at {@code pos}. */
    private String bare() {
        int start = pos;
        while (pos < src.length && (isWordChar(src[pos]) || src[pos] == '-' || src[pos] == '.' || src[pos] == '/')) {
            pos++;
        }
        return pos == start ? null : new String(src, start, pos - start, StandardCharsets.UTF_8);
    }

    private void skipSpaces(boolean newlinesAndComments) {
        while (pos < src.length) {
            byte c = src[pos];
            if (c == ' ' || c == '\t') {
                pos++;
            } else if (!newlinesAndComments) {
                return;
            } else if (c == '\n' || c == '\r') {
                pos++;
            } else if (c == '#' || (c == '/' && peek(1) == '/')) {
                skipLine();
            } else if (c == '/' && peek(1) == '*') {
                skipBlockComment();
            } else {
                return;
            }
        }
    }

    private void skipTo(char close) {
        while (pos < src.length && src[pos] != close) {
            if (src[pos] == '"') {
                skipString();
            } else {
                pos++;
            }
        }
    }

    private void skipString() {
        pos++;
        while (pos < src.length && src[pos] != '"' && src[pos] != '\n') {
            pos += src[pos] == '\\' ? 2 : 1;
        }
        pos++;
    }

    private void skipLine() {
        while (pos < src.length && src[pos] != '\n') {
            pos++;
        }
    }

    private void skipBlockComment() {
        pos += 2;
        while (pos < src.length && !(src[pos] == '*' && peek(1) == '/')) {
            pos++;
        }
        pos += 2;
    }

    private boolean word(String w) {
        if (pos + w.length() > src.length) {
            return false;
        }
        for (int i = 0; i < w.length(); i++) {
            if (src[pos + i] != w.charAt(i)) {
                return false;
            }
        }
        return pos + w.length() == src.length || !isWordChar(src[pos + w.length()]);
    }

    private byte peek(int ahead) {
        return pos + ahead < src.length ? src[pos + ahead] : 0;
    }

    private static boolean isWordChar(byte c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private int line(int at) {
        int line = 1;
        for (int i = 0; i < at && i < src.length; i++) {
            if (src[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    private int column(int at) {
        int col = 1;
        for (int i = at - 1; i >= 0 && src[i] != '\n'; i--) {
            col++;
        }
        return col;
    }
}
