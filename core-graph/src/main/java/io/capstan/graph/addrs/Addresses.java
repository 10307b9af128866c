package io.capstan.graph.addrs;

import io.capstan.hcl.ast.Literal;
import io.capstan.hcl.ast.Traversal;
import io.capstan.hcl.ast.TraverseAttr;
import io.capstan.hcl.ast.TraverseIndex;
import io.capstan.hcl.ast.Traverser;
import io.capstan.hcl.diag.Diagnostic;
import io.capstan.hcl.diag.Diagnostics;
import io.capstan.hcl.diag.Result;
import io.capstan.hcl.diag.SourceRange;
import io.capstan.hcl.parser.HclParser;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Parsing of the addresses users type on the command line ({@code -target}, {@code -replace},
 * {@code state mv}) and in {@code moved}/{@code removed}/{@code import} blocks, with Terraform's
 * error summaries. Printing is each address record's {@code toString}.
 */
public final class Addresses {
    private static final String CLI = "<address>";

    private Addresses() {
    }

    /** Parses e.g. {@code module.net[2].aws_subnet.a["x"]}; a missing key means {@link InstanceKey#NONE}. */
    public static Result<AbsResourceInstance> parseAbsResourceInstance(String src) {
        AbsResourceInstance plain = plainResourceInstance(src);
        if (plain != null) {
            return Result.of(plain);
        }
        return parsedResourceInstance(src);
    }

    /** {@link #parseAbsResourceInstance} through the HCL traversal parser, whatever the address. */
    static Result<AbsResourceInstance> parsedResourceInstance(String src) {
        Result<Traversal> t = HclParser.parseTraversal(src, CLI);
        if (t.hasErrors()) {
            return new Result<>(null, t.diagnostics());
        }
        return absResourceInstance(t.value().steps(), t.value().range());
    }

    /**
     * A valid address in the plain form Capstan and terraform print (identifiers of ASCII letters,
     * digits, {@code _} and {@code -}; whole-number keys without leading zeros; quoted keys of
     * printable ASCII without escapes or template sequences), taken apart without the HCL parser;
     * null for anything else, which the parser then reads with its diagnostics. The result is the
     * parser's (AddressesTest compares both): rendering a plan orders its changes by address, and
     * parsing a thousand addresses through the HCL parser was a fifth of a count 1,000 apply's
     * samples.
     */
    static AbsResourceInstance plainResourceInstance(String src) {
        List<String> names = new ArrayList<>(6);
        List<InstanceKey> keys = new ArrayList<>(6);
        int n = src.length();
        int i = 0;
        while (true) {
            int start = i;
            if (i >= n || !asciiLetter(src.charAt(i))) {
                return null;
            }
            i++;
            while (i < n && (asciiLetter(src.charAt(i)) || asciiDigit(src.charAt(i)) || src.charAt(i) == '_'
                    || src.charAt(i) == '-')) {
                i++;
            }
            names.add(src.substring(start, i));
            InstanceKey key = InstanceKey.NONE;
            if (i < n && src.charAt(i) == '[') {
                int end = src.indexOf(']', i);
                if (end < 0) {
                    return null;
                }
                key = plainKey(src, i + 1, end);
                if (key == null) {
                    return null;
                }
                i = end + 1;
            }
            keys.add(key);
            if (i == n) {
                break;
            }
            if (src.charAt(i) != '.') {
                return null;
            }
            i++;
        }
        // as modulePrefix and resourceInstance, for an address they accept without diagnostics
        int at = 0;
        ModuleInstance mi = ModuleInstance.ROOT;
        while (at < names.size() && names.get(at).equals("module")) {
            if (keys.get(at) != InstanceKey.NONE || at + 1 >= names.size()) {
                return null;
            }
            mi = mi.child(names.get(at + 1), keys.get(at + 1));
            at += 2;
        }
        ResourceMode mode = ResourceMode.MANAGED;
        if (at < names.size() && (names.get(at).equals("data") || names.get(at).equals("ephemeral"))) {
            if (keys.get(at) != InstanceKey.NONE) {
                return null;
            }
            mode = names.get(at).equals("data") ? ResourceMode.DATA : ResourceMode.EPHEMERAL;
            at++;
        }
        if (at + 2 != names.size() || keys.get(at) != InstanceKey.NONE) {
            return null;
        }
        return new AbsResourceInstance(mi, new Resource(mode, names.get(at), names.get(at + 1)).instance(keys.get(at + 1)));
    }

    /** The key between {@code [} and {@code ]} at {@code from..to}, in the plain form; null for any other. */
    private static InstanceKey plainKey(String src, int from, int to) {
        if (to - from >= 2 && src.charAt(from) == '"' && src.charAt(to - 1) == '"') {
            for (int i = from + 1; i < to - 1; i++) {
                char c = src.charAt(i);
                if (c < 0x20 || c > 0x7e || c == '"' || c == '\\'
                        || (c == '{' && (src.charAt(i - 1) == '$' || src.charAt(i - 1) == '%'))) {
                    return null;
                }
            }
            return new InstanceKey.Str(src.substring(from + 1, to - 1));
        }
        if (to - from < 1 || to - from > 9 || (src.charAt(from) == '0' && to - from > 1)) {
            return null;
        }
        int v = 0;
        for (int i = from; i < to; i++) {
            if (!asciiDigit(src.charAt(i))) {
                return null;
            }
            v = v * 10 + (src.charAt(i) - '0');
        }
        return new InstanceKey.Int(v);
    }

    private static boolean asciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean asciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Parses a resource-instance address from a traversal already in a configuration file. */
    public static Result<AbsResourceInstance> absResourceInstance(List<Traverser> steps, SourceRange range) {
        Diagnostics d = new Diagnostics();
        int[] pos = {0};
        ModuleInstance mi = modulePrefix(steps, pos, d);
        if (d.hasErrors()) {
            return new Result<>(null, d);
        }
        ResourceInstance ri = resourceInstance(steps, pos[0], range, d);
        return new Result<>(ri == null ? null : new AbsResourceInstance(mi, ri), d);
    }

    /** Parses a module instance address, e.g. {@code module.net[2].module.sub}. */
    public static Result<ModuleInstance> parseModuleInstance(String src) {
        Result<Traversal> t = HclParser.parseTraversal(src, CLI);
        if (t.hasErrors()) {
            return new Result<>(null, t.diagnostics());
        }
        Diagnostics d = new Diagnostics();
        int[] pos = {0};
        ModuleInstance mi = modulePrefix(t.value().steps(), pos, d);
        if (!d.hasErrors() && pos[0] < t.value().steps().size()) {
            d.add(Diagnostic.error("Invalid address", "Module instance address must contain only module steps.",
                    t.value().steps().get(pos[0]).range()));
        }
        return new Result<>(d.hasErrors() ? null : mi, d);
    }

    /** Parses {@code provider["registry.terraform.io/hashicorp/aws"].east}, optionally module-prefixed. */
    public static Result<AbsProviderConfig> parseAbsProviderConfig(String src) {
        Result<Traversal> t = HclParser.parseTraversal(src, CLI);
        if (t.hasErrors()) {
            return new Result<>(null, t.diagnostics());
        }
        List<Traverser> steps = t.value().steps();
        Diagnostics d = new Diagnostics();
        int[] pos = {0};
        ModuleInstance mi = modulePrefix(steps, pos, d);
        if (d.hasErrors()) {
            return new Result<>(null, d);
        }
        int i = pos[0];
        Provider p = null;
        String alias = null;
        if (i < steps.size() && "provider".equals(steps.get(i).name()) && i + 1 < steps.size()
                && steps.get(i + 1) instanceof TraverseIndex idx && idx.key() instanceof Literal.Str s) {
            p = Provider.parseSource(s.value());
            i += 2;
            if (i < steps.size() && steps.get(i) instanceof TraverseAttr a) {
                alias = a.name();
                i++;
            }
        }
        if (p == null || i != steps.size()) {
            d.add(Diagnostic.error("Invalid provider configuration address",
                    "The provider type name must be followed by an optional alias, like provider[\"registry.terraform.io/hashicorp/aws\"].east.",
                    t.value().range()));
            return new Result<>(null, d);
        }
        for (ModuleInstance.Step s : mi.steps()) {
            if (!(s.key() instanceof InstanceKey.None)) {
                d.add(Diagnostic.error("Invalid provider configuration address",
                        "Provider address cannot contain module indexes.", t.value().range()));
                return new Result<>(null, d);
            }
        }
        return new Result<>(new AbsProviderConfig(mi.module(), p, alias), d);
    }

    private static ModuleInstance modulePrefix(List<Traverser> steps, int[] pos, Diagnostics d) {
        ModuleInstance mi = ModuleInstance.ROOT;
        int i = pos[0];
        while (i < steps.size() && "module".equals(steps.get(i).name())) {
            if (i + 1 >= steps.size() || !(steps.get(i + 1) instanceof TraverseAttr a)) {
                d.add(Diagnostic.error("Invalid address operator", "Prefix \"module.\" must be followed by a module name.",
                        steps.get(i).range()));
                return mi;
            }
            i += 2;
            InstanceKey key = InstanceKey.NONE;
            if (i < steps.size() && steps.get(i) instanceof TraverseIndex idx) {
                key = key(idx, d);
                i++;
            }
            mi = mi.child(a.name(), key);
        }
        pos[0] = i;
        return mi;
    }

    private static ResourceInstance resourceInstance(List<Traverser> steps, int i, SourceRange range, Diagnostics d) {
        ResourceMode mode = ResourceMode.MANAGED;
        if (i < steps.size() && "data".equals(steps.get(i).name())) {
            mode = ResourceMode.DATA;
            i++;
        } else if (i < steps.size() && "ephemeral".equals(steps.get(i).name())) {
            mode = ResourceMode.EPHEMERAL;
            i++;
        }
        if (i + 1 >= steps.size() || !(steps.get(i + 1) instanceof TraverseAttr n) || steps.get(i).name() == null) {
            d.add(Diagnostic.error("Invalid address", "Resource specification must include a resource type and name.",
                    range));
            return null;
        }
        Resource r = new Resource(mode, steps.get(i).name(), n.name());
        i += 2;
        InstanceKey key = InstanceKey.NONE;
        if (i < steps.size() && steps.get(i) instanceof TraverseIndex idx) {
            key = key(idx, d);
            i++;
        }
        if (i < steps.size()) {
            d.add(Diagnostic.error("Invalid address", "Extraneous part of address: a resource instance address ends "
                    + "after its instance key.", steps.get(i).range()));
            return null;
        }
        return r.instance(key);
    }

    static InstanceKey key(TraverseIndex idx, Diagnostics d) {
        if (idx.key() instanceof Literal.Str s) {
            return new InstanceKey.Str(s.value());
        }
        if (idx.key() instanceof Literal.Num n) {
            BigDecimal v = n.value();
            if (v.signum() >= 0 && v.stripTrailingZeros().scale() <= 0 && v.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0) {
                return new InstanceKey.Int(v.intValueExact());
            }
        }
        d.add(Diagnostic.error("Invalid index", "An instance key must be a whole number or a string.", idx.range()));
        return InstanceKey.NONE;
    }

    /**
     * Quotes a string as terraform prints an instance key (and a provider source): HCL's string
     * syntax, so the address parses back. Quote, backslash, newline, carriage return and tab are
     * escaped with a backslash; a dollar or percent sign before an opening brace is doubled (no
     * template sequence); any other character Go does not count as printable (controls, format
     * characters, spaces other than the ASCII space, unassigned code points) is written as a
     * backslash, u and four hex digits, or U and eight beyond the basic plane.
     */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                case '$', '%' -> {
                    sb.append((char) c);
                    if (i < s.length() && s.charAt(i) == '{') {
                        sb.append((char) c);
                    }
                }
                default -> {
                    if (printable(c)) {
                        sb.appendCodePoint(c);
                    } else if (c < 0x10000) {
                        sb.append(String.format("\\u%04x", c));
                    } else {
                        sb.append(String.format("\\U%08x", c));
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** Go's {@code unicode.IsPrint}: letters, marks, numbers, punctuation, symbols and the ASCII space. */
    private static boolean printable(int c) {
        if (c == ' ') {
            return true;
        }
        return switch (Character.getType(c)) {
            case Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE, Character.SURROGATE,
                    Character.UNASSIGNED -> false;
            default -> true;
        };
    }

    static List<Traverser> rest(List<Traverser> steps, int from) {
        return new ArrayList<>(steps.subList(Math.min(from, steps.size()), steps.size()));
    }
}
