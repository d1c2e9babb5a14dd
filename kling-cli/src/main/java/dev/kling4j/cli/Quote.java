package dev.kling4j.cli;

import java.util.regex.Pattern;

/** Quotes words for the commands the CLI prints, so that they can be pasted into a POSIX shell as they are. */
final class Quote {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private Quote() {}

    /**
     * A word as a shell reads it back: as is when it holds only safe characters, else in single quotes.
     *
     * @param word the word
     * @return the quoted word
     */
    static String shell(String word) {
        if (!word.isEmpty() && SAFE.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
