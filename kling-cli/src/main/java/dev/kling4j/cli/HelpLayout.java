package dev.kling4j.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Lays out the examples at the end of each command's help so that they fit the width and stay valid shell:
 * an example too long for one line is broken between words, each line ending with {@code \}, never inside
 * a word or a quoted prompt (picocli's own wrapping would do either).
 */
final class HelpLayout {
    private static final String FIRST = "  ";
    private static final String NEXT = "      ";

    private HelpLayout() {}

    /**
     * Renders example commands.
     *
     * @param lines the footer as written: one command per line, or across lines ending with {@code \}
     * @param width the help's width
     * @return the examples, one per block of lines, each line at most {@code width} long when its words fit
     */
    static String examples(String[] lines, int width) {
        StringBuilder out = new StringBuilder();
        for (String command : commands(lines)) {
            out.append(layout(words(command), width));
        }
        return out.toString();
    }

    /** The commands of a footer, continuation lines joined. */
    static List<String> commands(String[] lines) {
        List<String> commands = new ArrayList<>();
        StringBuilder current = null;
        for (String line : lines) {
            String t = line.strip();
            boolean continues = t.endsWith("\\");
            if (continues) {
                t = t.substring(0, t.length() - 1).strip();
            }
            if (current == null) {
                current = new StringBuilder(t);
            } else {
                current.append(' ').append(t);
            }
            if (!continues) {
                commands.add(current.toString());
                current = null;
            }
        }
        if (current != null) {
            commands.add(current.toString());
        }
        return commands;
    }

    /** Splits a command at blanks outside quotes, keeping the quotes. */
    static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        char quote = 0;
        for (char c : command.toCharArray()) {
            if (quote != 0) {
                w.append(c);
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                w.append(c);
            } else if (Character.isWhitespace(c)) {
                if (w.length() > 0) {
                    words.add(w.toString());
                    w.setLength(0);
                }
            } else {
                w.append(c);
            }
        }
        if (w.length() > 0) {
            words.add(w.toString());
        }
        return words;
    }

    private static String layout(List<String> words, int width) {
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder(FIRST);
        boolean empty = true;
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            boolean last = i == words.size() - 1;
            int needed = line.length() + (empty ? 0 : 1) + word.length() + (last ? 0 : 2);
            if (!empty && needed > width) {
                out.append(line).append(" \\").append(System.lineSeparator());
                line = new StringBuilder(NEXT);
                empty = true;
            }
            if (!empty) {
                line.append(' ');
            }
            line.append(word);
            empty = false;
        }
        return out.append(line).append(System.lineSeparator()).toString();
    }
}
