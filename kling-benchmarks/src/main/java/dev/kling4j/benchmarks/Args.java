package dev.kling4j.benchmarks;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The command line of a benchmark: {@code --name value} options and bare {@code --flag}s, each declared. */
final class Args {
    private final Map<String, String> values = new HashMap<>();
    private final Set<String> flagsGiven = new HashSet<>();

    /**
     * Parses a command line.
     *
     * @param args the arguments
     * @param valued the options that take a value
     * @param flags the options that take none
     * @throws IllegalArgumentException on an undeclared option or a missing value, naming the known ones
     */
    Args(String[] args, List<String> valued, List<String> flags) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (flags.contains(a)) {
                flagsGiven.add(a);
            } else if (valued.contains(a) && i + 1 < args.length) {
                values.put(a, args[++i]);
            } else {
                Set<String> known = new TreeSet<>(valued);
                known.addAll(flags);
                throw new IllegalArgumentException(
                        (valued.contains(a) ? "no value for " : "unknown option ") + a + "; the options are " + known);
            }
        }
    }

    /** Parses a command line of valued options only. */
    Args(String[] args, String... valued) {
        this(args, List.of(valued), List.of());
    }

    int intValue(String name, int orElse) {
        String v = values.get(name);
        try {
            return v == null ? orElse : Integer.parseInt(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " takes a whole number, was " + v, e);
        }
    }

    boolean flag(String name) {
        return flagsGiven.contains(name);
    }
}
