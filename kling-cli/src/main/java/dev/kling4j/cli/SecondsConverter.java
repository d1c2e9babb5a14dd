package dev.kling4j.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --duration}: whole seconds, written without a unit (the range is checked by the model). */
final class SecondsConverter implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
        String v = value.trim();
        if (v.matches("\\d{1,6}")) {
            return Integer.parseInt(v);
        }
        if (v.matches("(?i)\\d{1,6}\\s*(s|sec|secs|seconds?)")) {
            throw new TypeConversionException(
                    "'" + value + "': give whole seconds without a unit, e.g. --duration " + v.replaceAll("\\D", ""));
        }
        throw new TypeConversionException("'" + value + "' is not a whole number of seconds: give e.g. --duration 5");
    }
}
