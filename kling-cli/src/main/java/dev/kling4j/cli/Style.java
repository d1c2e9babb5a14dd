package dev.kling4j.cli;

/**
 * Colours for the words that matter on a terminal: errors in bold red, warnings in yellow. Off (the text as
 * given) when the stream is not a terminal or the user set {@code NO_COLOR}.
 */
final class Style {
    static final Style PLAIN = new Style(false);
    static final Style ANSI = new Style(true);

    private final boolean on;

    private Style(boolean on) {
        this.on = on;
    }

    boolean on() {
        return on;
    }

    String error(String text) {
        return on ? "\033[1;31m" + text + "\033[0m" : text;
    }

    String warning(String text) {
        return on ? "\033[33m" + text + "\033[0m" : text;
    }

    /**
     * Colours a message's leading {@code error:} or {@code warning:} (and a lint WARNING or ERROR).
     *
     * @param line a line of human text
     * @return the line, its label coloured when colour is on
     */
    String label(String line) {
        if (!on) {
            return line;
        }
        for (String label : new String[] {"error:", "warning:", "lint: ERROR", "lint: WARNING"}) {
            if (line.startsWith(label)) {
                String coloured = label.startsWith("error") || label.endsWith("ERROR") ? error(label) : warning(label);
                return coloured + line.substring(label.length());
            }
        }
        return line;
    }
}
