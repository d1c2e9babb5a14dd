package dev.kling4j.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code 90s}, {@code 20m}, {@code 1h30m} or ISO-8601 {@code PT20M} into a positive duration. */
final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern SHORT = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    @Override
    public Duration convert(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.matches("\\d+")) {
            // A bare number would be a guess (seconds? minutes?): ask for the unit.
            throw new TypeConversionException("'" + value + "' has no unit: write " + v + "s for seconds or " + v
                    + "m for minutes (also 1h30m, PT20M)");
        }
        Duration d = null;
        if (v.startsWith("pt")) {
            try {
                d = Duration.parse(v.toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                d = null;
            }
        } else {
            Matcher m = SHORT.matcher(v);
            if (!v.isEmpty() && m.matches()) {
                d = Duration.ofHours(num(m.group(1)))
                        .plusMinutes(num(m.group(2)))
                        .plusSeconds(num(m.group(3)));
            }
        }
        if (d == null || d.isZero() || d.isNegative()) {
            throw new TypeConversionException("'" + value + "' is not a duration: write e.g. 90s, 20m or 1h30m");
        }
        return d;
    }

    private static long num(String group) {
        return group == null ? 0 : Long.parseLong(group);
    }

    /** A duration as the user writes it: {@code 90s} as {@code 1m30s}, {@code 2h}. */
    static String format(Duration d) {
        long s = d.toSeconds();
        StringBuilder b = new StringBuilder();
        if (s >= 3600) {
            b.append(s / 3600).append('h');
        }
        if (s % 3600 >= 60) {
            b.append(s % 3600 / 60).append('m');
        }
        if (s % 60 > 0 || b.length() == 0) {
            b.append(s % 60).append('s');
        }
        return b.toString();
    }
}
