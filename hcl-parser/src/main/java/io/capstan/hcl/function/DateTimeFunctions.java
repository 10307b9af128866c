package io.capstan.hcl.function;

import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** timestamp, plantimestamp, timeadd, timecmp and formatdate (Terraform's own layout language). */
final class DateTimeFunctions {
    private static final Pattern RFC3339 = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})[Tt](\\d{2}):(\\d{2}):(\\d{2})(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})");
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");

    private DateTimeFunctions() {
    }

    static void register(FunctionRegistry r) {
        r.add(Function.builder("timestamp").returns(Type.STRING)
                .impl((args, ret, ctx) -> Value.of(format(OffsetDateTime.ofInstant(ctx.clock().instant(), ZoneOffset.UTC))))
                .build());
        r.add(Function.builder("plantimestamp").returns(Type.STRING).impl((args, ret, ctx) -> {
            if (ctx.planTimestamp() == null) {
                return Value.unknown(Type.STRING);
            }
            return Value.of(format(OffsetDateTime.ofInstant(ctx.planTimestamp(), ZoneOffset.UTC)));
        }).build());
        r.add(Function.builder("timeadd").param("timestamp", Type.STRING).param("duration", Type.STRING)
                .returns(Type.STRING).impl((args, ret, ctx) -> {
                    OffsetDateTime t = parse(Args.str(args, 0), -1);
                    Duration d = duration(Args.str(args, 1));
                    return Value.of(format(t.plus(d)));
                }).build());
        r.add(Function.builder("timecmp").param("timestamp_a", Type.STRING).param("timestamp_b", Type.STRING)
                .returns(Type.NUMBER).impl((args, ret, ctx) -> {
                    Instant a = parse(Args.str(args, 0), 0).toInstant();
                    Instant b = parse(Args.str(args, 1), 1).toInstant();
                    return Value.of(Integer.signum(a.compareTo(b)));
                }).build());
        r.add(Function.builder("formatdate").param("format", Type.STRING).param("time", Type.STRING)
                .returns(Type.STRING).impl((args, ret, ctx) -> {
                    OffsetDateTime t = parse(Args.str(args, 1), 1);
                    return Value.of(formatDate(Args.str(args, 0), t));
                }).build());
    }

    /** RFC 3339 as Terraform requires it (a "T", seconds and a zone are mandatory). */
    static OffsetDateTime parse(String s, int argIndex) {
        Matcher m = RFC3339.matcher(s);
        if (!m.matches()) {
            throw new FunctionException(argIndex, "not a valid RFC3339 timestamp: cannot use " + io.capstan.hcl.value.GoFormat.quote(s)
                    + " as "  + "\"2006-01-02T15:04:05Z07:00\"");
        }
        try {
            return OffsetDateTime.parse(s.toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            throw new FunctionException(argIndex, "not a valid RFC3339 timestamp: " + e.getMessage());
        }
    }

    /** Go's RFC3339 formatting: "Z" for UTC, fractional seconds dropped. */
    static String format(OffsetDateTime t) {
        OffsetDateTime s = t.withNano(0);
        String base = s.toLocalDateTime().format(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss"));
        return base + (s.getOffset().equals(ZoneOffset.UTC) ? "Z" : s.getOffset().getId());
    }

    /** Go's time.ParseDuration. */
    static Duration duration(String s) {
        String t = s;
        boolean neg = false;
        if (t.startsWith("-") || t.startsWith("+")) {
            neg = t.startsWith("-");
            t = t.substring(1);
        }
        if (t.equals("0")) {
            return Duration.ZERO;
        }
        if (t.isEmpty()) {
            throw new FunctionException("time: invalid duration " + io.capstan.hcl.value.GoFormat.quote(s));
        }
        Matcher m = DURATION_PART.matcher(t);
        int pos = 0;
        BigDecimal nanos = BigDecimal.ZERO;
        while (pos < t.length()) {
            if (!m.find(pos) || m.start() != pos) {
                throw new FunctionException("time: " + (t.substring(pos).matches("[0-9.]+.*") ? "unknown unit in duration " : "invalid duration ")
                        + io.capstan.hcl.value.GoFormat.quote(s));
            }
            long unit = switch (m.group(2)) {
                case "ns" -> 1L;
                case "us", "µs", "μs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            nanos = nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit)));
            pos = m.end();
        }
        long n = nanos.longValue();
        return Duration.ofNanos(neg ? -n : n);
    }

    static String formatDate(String layout, OffsetDateTime t) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        int n = layout.length();
        while (i < n) {
            char c = layout.charAt(i);
            if (c == '\'') {
                int j = layout.indexOf('\'', i + 1);
                if (j < 0) {
                    throw new FunctionException(0, "unterminated literal '");
                }
                if (j == i + 1) {
                    sb.append('\'');
                } else {
                    sb.append(layout, i + 1, j);
                }
                i = j + 1;
                continue;
            }
            if (!Character.isLetter(c)) {
                sb.append(c);
                i++;
                continue;
            }
            int j = i;
            while (j < n && layout.charAt(j) == c) {
                j++;
            }
            String seq = layout.substring(i, j);
            sb.append(field(seq, t));
            i = j;
        }
        return sb.toString();
    }

    private static String field(String seq, OffsetDateTime t) {
        int hour12 = t.getHour() % 12;
        switch (seq) {
            case "YYYY": return String.format("%04d", t.getYear());
            case "YY": return String.format("%02d", t.getYear() % 100);
            case "MMMM": return t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            case "MMM": return t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
            case "MM": return String.format("%02d", t.getMonthValue());
            case "M": return Integer.toString(t.getMonthValue());
            case "DD": return String.format("%02d", t.getDayOfMonth());
            case "D": return Integer.toString(t.getDayOfMonth());
            case "EEEE": return t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            case "EEE": return t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
            case "hh": return String.format("%02d", t.getHour());
            case "h": return Integer.toString(t.getHour());
            case "HH": return String.format("%02d", hour12 == 0 ? 12 : hour12);
            case "H": return Integer.toString(hour12 == 0 ? 12 : hour12);
            case "AA": return t.getHour() < 12 ? "AM" : "PM";
            case "aa": return t.getHour() < 12 ? "am" : "pm";
            case "mm": return String.format("%02d", t.getMinute());
            case "m": return Integer.toString(t.getMinute());
            case "ss": return String.format("%02d", t.getSecond());
            case "s": return Integer.toString(t.getSecond());
            case "ZZZZZ": return offset(t, true);
            case "ZZZZ": return offset(t, false);
            case "ZZZ": return t.getOffset().getTotalSeconds() == 0 ? "UTC" : offset(t, false);
            case "Z": return t.getOffset().getTotalSeconds() == 0 ? "Z" : offset(t, true);
            default: throw new FunctionException(0, "invalid date format verb " + io.capstan.hcl.value.GoFormat.quote(seq));
        }
    }

    private static String offset(OffsetDateTime t, boolean colon) {
        int secs = t.getOffset().getTotalSeconds();
        char sign = secs < 0 ? '-' : '+';
        int a = Math.abs(secs) / 60;
        return String.format(colon ? "%c%02d:%02d" : "%c%02d%02d", sign, a / 60, a % 60);
    }

}
