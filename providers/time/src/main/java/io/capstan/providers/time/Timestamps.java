package io.capstan.providers.time;

import io.capstan.provider.sdk.AttributeSpec;
import io.capstan.provider.sdk.ObjectData;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** RFC 3339 timestamps as Go writes them, and the broken-down parts time_static and time_offset expose. */
final class Timestamps {
    static final List<String> PARTS = List.of("year", "month", "day", "hour", "minute", "second", "unix");
    private static final DateTimeFormatter GO_RFC3339 = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");
    static Clock clock = Clock.systemUTC();

    private Timestamps() {
    }

    static List<AttributeSpec> partAttributes() {
        return List.of(
                AttributeSpec.number("year").computed().description("Number year of timestamp."),
                AttributeSpec.number("month").computed().description("Number month of timestamp."),
                AttributeSpec.number("day").computed().description("Number day of timestamp."),
                AttributeSpec.number("hour").computed().description("Number hour of timestamp."),
                AttributeSpec.number("minute").computed().description("Number minute of timestamp."),
                AttributeSpec.number("second").computed().description("Number second of timestamp."),
                AttributeSpec.number("unix").computed().description("Number of seconds since epoch time."));
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
    }

    /** Parses an RFC 3339 timestamp; null when it is not one. */
    static OffsetDateTime parse(String s) {
        try {
            return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static String format(OffsetDateTime t) {
        return GO_RFC3339.format(t);
    }

    static void setParts(ObjectData d, OffsetDateTime t) {
        d.set("year", t.getYear());
        d.set("month", t.getMonthValue());
        d.set("day", t.getDayOfMonth());
        d.set("hour", t.getHour());
        d.set("minute", t.getMinute());
        d.set("second", t.getSecond());
        d.set("unix", t.toEpochSecond());
    }

    /**
     * Go's {@code t.AddDate(y, m, d).Add(h, min, s)}: months and days overflow into the next
     * unit (31 January plus one month is 3 March), unlike java.time which clamps.
     */
    static OffsetDateTime offset(OffsetDateTime base, long years, long months, long days, long hours, long minutes,
                                 long seconds) {
        OffsetDateTime firstOfMonth = base.withDayOfMonth(1).plusMonths(years * 12 + months);
        OffsetDateTime dated = firstOfMonth.plusDays(base.getDayOfMonth() - 1 + days);
        return dated.plusHours(hours).plusMinutes(minutes).plusSeconds(seconds);
    }
}
