package io.capstan.providers.time;

import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import io.capstan.provider.sdk.FunctionFailure;
import io.capstan.provider.sdk.FunctionParam;
import io.capstan.provider.sdk.ProviderFunction;
import java.time.OffsetDateTime;
import java.time.format.TextStyle;
import java.time.temporal.IsoFields;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code provider::time::rfc3339_parse(timestamp)}, as hashicorp/time offers it: the parts of
 * an RFC 3339 timestamp in its own offset, named and numbered as Go's time package does
 * (weekday 0 is Sunday, {@code month_name} "July", ISO 8601 week-numbering year and week).
 * A string that is not a timestamp is an error naming the argument.
 */
final class Rfc3339ParseFunction {
    static final Map<String, Type> ATTRIBUTES = attributes();

    private Rfc3339ParseFunction() {
    }

    private static Map<String, Type> attributes() {
        Map<String, Type> m = new LinkedHashMap<>();
        for (String n : new String[]{"year", "year_day", "day", "month", "weekday", "hour", "minute", "second",
                                     "unix", "iso_year", "iso_week"}) {
            m.put(n, Type.NUMBER);
        }
        m.put("month_name", Type.STRING);
        m.put("weekday_name", Type.STRING);
        return m;
    }

    static ProviderFunction create() {
        return ProviderFunction.builder("rfc3339_parse")
                .summary("Parse an RFC3339 timestamp string")
                .description("Given an RFC3339 timestamp string, will parse and return an object representation of "
                        + "that date and time.")
                .parameter(FunctionParam.of("timestamp", Type.STRING).description("RFC3339 timestamp string to parse"))
                .returns(Type.object(ATTRIBUTES))
                .impl(args -> parts(args.string(0)))
                .build();
    }

    static Value parts(String timestamp) {
        OffsetDateTime t = Timestamps.parse(timestamp);
        if (t == null) {
            throw FunctionFailure.argument(0, "\"" + timestamp + "\" is not a valid RFC3339 timestamp");
        }
        Map<String, Value> m = new LinkedHashMap<>();
        m.put("year", Value.of(t.getYear()));
        m.put("year_day", Value.of(t.getDayOfYear()));
        m.put("day", Value.of(t.getDayOfMonth()));
        m.put("month", Value.of(t.getMonthValue()));
        m.put("month_name", Value.of(t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH)));
        m.put("weekday", Value.of(t.getDayOfWeek().getValue() % 7));
        m.put("weekday_name", Value.of(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH)));
        m.put("hour", Value.of(t.getHour()));
        m.put("minute", Value.of(t.getMinute()));
        m.put("second", Value.of(t.getSecond()));
        m.put("unix", Value.of(t.toEpochSecond()));
        m.put("iso_year", Value.of(t.get(IsoFields.WEEK_BASED_YEAR)));
        m.put("iso_week", Value.of(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)));
        return Value.object(m);
    }
}
