package io.capstan.providers.random;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.capstan.provider.sdk.AttributeSpec;
import io.capstan.provider.sdk.Diagnostics;
import io.capstan.provider.sdk.ObjectData;
import io.capstan.provider.sdk.Resource;
import io.capstan.provider.sdk.ResourceSchema;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code random_string} and {@code random_password}: a string of {@code length} characters
 * from the enabled classes (upper, lower, numeric, special or {@code override_special}),
 * with at least {@code min_*} of each. Every argument forces a new string. The password
 * variant marks {@code result} sensitive, adds {@code bcrypt_hash} and has {@code id = "none"}.
 * Import takes the string itself.
 */
final class RandomStringResource implements Resource {
    static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    static final String NUMERIC = "0123456789";
    static final String SPECIAL = "!@#$%&*()-_=+[]{}<>:?";
    private static final List<String> FLAGS = List.of("special", "upper", "lower", "numeric", "number");
    private static final List<String> MINIMA = List.of("min_upper", "min_lower", "min_numeric", "min_special");

    private final boolean password;
    private final ResourceSchema schema;

    RandomStringResource(boolean password) {
        this.password = password;
        List<AttributeSpec> attrs = new ArrayList<>();
        attrs.add(RandomProvider.keepers());
        attrs.add(AttributeSpec.number("length").required().requiresReplace()
                .description("The length of the string desired. The minimum value for length is 1."));
        for (String f : FLAGS) {
            attrs.add(AttributeSpec.bool(f).withDefault(true).requiresReplace()
                    .description("Include " + f + " characters in the result. Default value is true."
                            + (f.equals("number") ? " Deprecated: use numeric." : "")));
        }
        for (String m : MINIMA) {
            attrs.add(AttributeSpec.number(m).withDefault(0L).requiresReplace()
                    .description("Minimum number of " + m.substring(4) + " characters in the result."));
        }
        attrs.add(AttributeSpec.string("override_special").optional().requiresReplace()
                .description("Supply your own list of special characters to use for string generation."));
        AttributeSpec result = AttributeSpec.string("result").computed()
                .description("The generated random string.");
        attrs.add(password ? result.sensitive() : result);
        if (password) {
            attrs.add(AttributeSpec.string("bcrypt_hash").computed().sensitive()
                    .description("A bcrypt hash of the generated random string."));
        }
        attrs.add(AttributeSpec.string("id").computed().description(password
                ? "A static value used internally by Terraform, this should not be referenced in configurations."
                : "The generated random string."));
        this.schema = new ResourceSchema(password ? 3 : 2, new io.capstan.provider.sdk.BlockSpec(attrs, List.of(),
                password ? "Identical to random_string with the exception that the result is treated as sensitive."
                        : "Generates a random permutation of alphanumeric characters and optionally special characters."));
    }

    @Override
    public ResourceSchema schema() {
        return schema;
    }

    @Override
    public void validate(ObjectData config, Diagnostics diags) {
        if (!config.isKnown("length") || config.isNull("length")) {
            return;
        }
        long length = config.getLong("length");
        if (length < 1) {
            diags.attributeError("length", "Invalid Attribute Value", "length must be at least 1, got " + length);
            return;
        }
        long sum = 0;
        for (String m : MINIMA) {
            if (config.isKnown(m) && !config.isNull(m)) {
                sum += config.getLong(m);
            }
        }
        if (sum > length) {
            diags.attributeError("length", "Invalid Attribute Value", "length (" + length
                    + ") must be at least the sum of min_upper, min_lower, min_numeric and min_special (" + sum + ")");
        }
    }

    @Override
    public void create(ObjectData planned, Diagnostics diags) {
        String result = generate(planned, diags);
        if (result == null) {
            return;
        }
        planned.set("result", result);
        planned.set("id", password ? "none" : result);
        if (password) {
            planned.set("bcrypt_hash", bcrypt(result));
        }
    }

    static String bcrypt(String s) {
        return new String(BCrypt.with(BCrypt.Version.VERSION_2A).hash(10, s.getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8);
    }

    private static String generate(ObjectData d, Diagnostics diags) {
        int length = Math.toIntExact(d.getLong("length"));
        String special = d.getString("override_special", SPECIAL);
        boolean numeric = d.getBool("numeric", true) && d.getBool("number", true);
        String[] classes = {
            d.getBool("upper", true) ? UPPER : "", d.getBool("lower", true) ? LOWER : "",
            numeric ? NUMERIC : "", d.getBool("special", true) ? special : ""};
        StringBuilder all = new StringBuilder();
        List<Character> out = new ArrayList<>();
        for (int i = 0; i < classes.length; i++) {
            long min = d.getLong(MINIMA.get(i), 0);
            if (min > 0 && classes[i].isEmpty()) {
                diags.attributeError(MINIMA.get(i), "Invalid Attribute Value",
                        MINIMA.get(i) + " is set but that character class is disabled or empty");
                return null;
            }
            for (long n = 0; n < min; n++) {
                out.add(pick(classes[i]));
            }
            all.append(classes[i]);
        }
        if (all.isEmpty()) {
            diags.error("No characters to choose from", "enable at least one of upper, lower, numeric and special");
            return null;
        }
        while (out.size() < length) {
            out.add(pick(all.toString()));
        }
        java.util.Collections.shuffle(out, RandomProvider.SECURE);
        StringBuilder sb = new StringBuilder(length);
        out.forEach(sb::append);
        return sb.toString();
    }

    private static char pick(String chars) {
        return chars.charAt(RandomProvider.SECURE.nextInt(chars.length()));
    }

    @Override
    public void importState(String id, ObjectData state, Diagnostics diags) {
        if (id.isEmpty()) {
            diags.error("Invalid import id", "the id is the string itself and cannot be empty");
            return;
        }
        state.set("result", id);
        state.set("id", password ? "none" : id);
        state.set("length", id.codePointCount(0, id.length()));
        FLAGS.forEach(f -> state.set(f, true));
        MINIMA.forEach(m -> state.set(m, 0L));
        if (password) {
            state.set("bcrypt_hash", bcrypt(id));
        }
    }
}
