package io.capstan.hcl.function;

import io.capstan.hcl.value.BigNumber;
import io.capstan.hcl.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small helpers for function implementations: typed argument access, graphemes. */
final class Args {
    private static final Pattern GRAPHEME = Pattern.compile("\\X");

    private Args() {
    }

    static String str(List<Value> args, int i) {
        return args.get(i).asString();
    }

    static BigNumber num(List<Value> args, int i) {
        return args.get(i).asNumber();
    }

    /** A whole number argument that fits an int, as Go's gocty conversion to int demands. */
    static int integer(List<Value> args, int i) {
        BigNumber n = args.get(i).asNumber();
        if (!n.isInteger()) {
            throw new FunctionException("value must be a whole number, between -9223372036854775808 and 9223372036854775807");
        }
        if (!n.fitsInt()) {
            throw new FunctionException("value is too large");
        }
        return n.intValue();
    }

    /** Same, reported against the argument. */
    static int integerArg(List<Value> args, int i) {
        try {
            return integer(args, i);
        } catch (FunctionException e) {
            throw new FunctionException(i, e.getMessage());
        }
    }

    /** Extended grapheme clusters, the unit Terraform's string functions count. */
    static List<String> graphemes(String s) {
        List<String> out = new ArrayList<>();
        Matcher m = GRAPHEME.matcher(s);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** Unicode code points as strings (Go's rune iteration). */
    static List<String> runes(String s) {
        List<String> out = new ArrayList<>();
        s.codePoints().forEach(c -> out.add(new String(Character.toChars(c))));
        return out;
    }

    /** Go's unicode.IsSpace. */
    static boolean isGoSpace(int c) {
        switch (c) {
            case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0 -> {
                return true;
            }
            default -> {
                return c > 0xff && Character.getType(c) == Character.SPACE_SEPARATOR
                        || c == 0x2028 || c == 0x2029;
            }
        }
    }
}
