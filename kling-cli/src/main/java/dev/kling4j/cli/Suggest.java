package dev.kling4j.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The nearest spellings of a mistyped command or option: {@code genrate} → {@code generate}. */
final class Suggest {
    private Suggest() {}

    /**
     * The candidates close to a word, nearest first: within a third of its length in edits (at least 2), or
     * starting with it.
     *
     * @param word what was typed
     * @param candidates what exists
     * @return the close ones, at most three
     */
    static List<String> closest(String word, Collection<String> candidates) {
        String w = word.toLowerCase(Locale.ROOT);
        int limit = Math.max(2, strip(w).length() / 3);
        List<String> close = new ArrayList<>();
        for (String c : candidates) {
            String lc = c.toLowerCase(Locale.ROOT);
            if (distance(strip(w), strip(lc)) <= limit
                    || strip(w).length() >= 3 && strip(lc).startsWith(strip(w))) {
                close.add(c);
            }
        }
        close.sort(Comparator.comparingInt((String c) -> distance(strip(w), strip(c.toLowerCase(Locale.ROOT))))
                .thenComparing(Comparator.naturalOrder()));
        return close.size() > 3 ? List.copyOf(close.subList(0, 3)) : List.copyOf(close);
    }

    private static String strip(String option) {
        return option.replaceFirst("^-+", "");
    }

    /** Edit distance with transpositions (optimal string alignment): {@code durration} is 1 from {@code duration}. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
