package io.capstan.hcl.function;

import io.capstan.hcl.value.BigNumber;
import io.capstan.hcl.value.Value;
import java.io.StringReader;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * yamldecode: SnakeYAML (already on the classpath through Jackson's YAML module) builds the
 * node graph, resolving anchors; plain scalars are then typed with the YAML 1.1 rules
 * Terraform's decoder uses (yes/on/off booleans, 0x and 0o integers, timestamps as RFC 3339
 * strings). Mappings become objects and sequences tuples.
 */
final class YamlDecoder {
    private static final org.yaml.snakeyaml.resolver.Resolver RESOLVER = new org.yaml.snakeyaml.resolver.Resolver();
    private static final Pattern BOOL_TRUE = Pattern.compile("y|Y|yes|Yes|YES|true|True|TRUE|on|On|ON");
    private static final Pattern BOOL_FALSE = Pattern.compile("n|N|no|No|NO|false|False|FALSE|off|Off|OFF");
    private static final Pattern NULL = Pattern.compile("~|null|Null|NULL|");
    private static final Pattern FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{1,2}-\\d{1,2}");

    private YamlDecoder() {
    }

    static Value decode(String src) {
        LoaderOptions opts = new LoaderOptions();
        opts.setAllowDuplicateKeys(true);
        Node root = new Yaml(opts).compose(new StringReader(src));
        if (root == null) {
            throw new FunctionException("the YAML document is empty");
        }
        return convert(root);
    }

    private static Value convert(Node n) {
        if (n instanceof ScalarNode s) {
            return scalar(s);
        }
        if (n instanceof SequenceNode seq) {
            List<Value> els = new ArrayList<>();
            for (Node e : seq.getValue()) {
                els.add(convert(e));
            }
            return Value.tuple(els);
        }
        MappingNode m = (MappingNode) n;
        Map<String, Value> attrs = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            Value k = convert(t.getKeyNode());
            if (isMergeKey(t.getKeyNode(), k)) {
                merge(attrs, t);
                continue;
            }
            String key = k.isNull() ? "null" : k.type().isPrimitive()
                    ? io.capstan.hcl.value.Convert.convert(k, io.capstan.hcl.value.Type.STRING).asString() : null;
            if (key == null) {
                throw new FunctionException("only scalar mapping keys are supported");
            }
            attrs.put(key, convert(t.getValueNode()));
        }
        return Value.object(attrs);
    }

    /**
     * Terraform's YAML decoder (go-cty-yaml, from go-yaml v2) treats a key whose string value
     * is {@code <<} as a merge key, quoted or not.
     */
    private static boolean isMergeKey(Node keyNode, Value key) {
        return keyNode instanceof ScalarNode && key.isKnown() && !key.isNull()
                && key.type().equals(io.capstan.hcl.value.Type.STRING) && "<<".equals(key.asString());
    }

    /**
     * A merge key's value must be one mapping; its entries are inserted where the key
     * stands, so they replace earlier keys of the same name and later keys replace them
     * (as go-cty-yaml does). A sequence of mappings, allowed by the YAML merge spec, is
     * refused there ("cannot merge tuple into mapping"), and so it is here.
     */
    private static void merge(Map<String, Value> attrs, NodeTuple t) {
        Value v = convert(t.getValueNode());
        if (v.isNull() || !(v.type() instanceof io.capstan.hcl.value.ObjectType)) {
            String what = v.isNull() ? "dynamic" : v.type().friendlyName();
            org.yaml.snakeyaml.error.Mark mark = t.getKeyNode().getStartMark();
            // go-yaml reports this line 0-based and the column 1-based.
            throw new FunctionException("on line " + mark.getLine() + ", column " + (mark.getColumn() + 1)
                    + ": cannot merge " + what + " into mapping");
        }
        for (Map.Entry<String, Value> e : v.entries().entrySet()) {
            attrs.remove(e.getKey());
            attrs.put(e.getKey(), e.getValue());
        }
    }

    private static Value scalar(ScalarNode s) {
        String text = s.getValue();
        Tag tag = s.getTag();
        boolean plain = s.getScalarStyle() == org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN;
        Tag implicit = plain ? RESOLVER.resolve(org.yaml.snakeyaml.nodes.NodeId.scalar, text, true) : Tag.STR;
        boolean explicit = !tag.equals(implicit);
        if (explicit && (tag.equals(Tag.STR) || tag.equals(Tag.BINARY)) || !explicit && !plain) {
            return Value.of(text);
        }
        if (NULL.matcher(text).matches()) {
            return Value.DYNAMIC_NULL;
        }
        if (BOOL_TRUE.matcher(text).matches()) {
            return Value.TRUE;
        }
        if (BOOL_FALSE.matcher(text).matches()) {
            return Value.FALSE;
        }
        BigInteger i = integer(text.replace("_", ""));
        if (i != null) {
            return Value.of(BigNumber.of(i));
        }
        if (FLOAT.matcher(text).matches()) {
            return Value.of(BigNumber.parse(text));
        }
        String ts = timestamp(text);
        if (ts != null) {
            return Value.of(ts);
        }
        return Value.of(text);
    }

    private static BigInteger integer(String t) {
        boolean neg = t.startsWith("-");
        String u = t.startsWith("-") || t.startsWith("+") ? t.substring(1) : t;
        BigInteger v = null;
        try {
            if (u.startsWith("0x") || u.startsWith("0X")) {
                v = new BigInteger(u.substring(2), 16);
            } else if (u.startsWith("0o") || u.startsWith("0O")) {
                v = new BigInteger(u.substring(2), 8);
            } else if (u.startsWith("0b") || u.startsWith("0B")) {
                v = new BigInteger(u.substring(2), 2);
            } else if (u.length() > 1 && u.startsWith("0") && u.chars().allMatch(Character::isDigit)) {
                v = new BigInteger(u.substring(1), 8);
            } else if (!u.isEmpty() && u.chars().allMatch(Character::isDigit)) {
                v = new BigInteger(u);
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return v == null ? null : neg ? v.negate() : v;
    }

    private static String timestamp(String t) {
        try {
            if (DATE.matcher(t).matches()) {
                String[] p = t.split("-");
                LocalDate d = LocalDate.of(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]));
                return d.atStartOfDay().atOffset(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            }
            if (t.matches("\\d{4}-\\d{2}-\\d{2}[Tt ]\\d{1,2}:\\d{2}:\\d{2}(\\.\\d+)?")) {
                LocalDateTime d = LocalDateTime.parse(t.replace(' ', 'T').replace('t', 'T'));
                return d.atOffset(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            }
            if (t.matches("\\d{4}-\\d{2}-\\d{2}[Tt]\\d{1,2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})")) {
                return OffsetDateTime.parse(t.replace('t', 'T')).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            }
        } catch (RuntimeException e) {
            return null;
        }
        return null;
    }
}
