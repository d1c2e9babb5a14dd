package dev.kling4j.core.model;

import dev.kling4j.core.media.Media;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How request values look in a {@code toString()}: what a reader needs to recognise them, nothing that could
 * leak or flood a log. Media by URL, path or file name, never their bytes; a URL without its query, where
 * signed URLs carry their signature; long texts cut.
 */
final class Shown {
    /** A log line is not the place for a 2,500-character prompt. */
    private static final int TEXT = 200;

    private Shown() {}

    static String value(Object value) {
        if (value instanceof String s) {
            return '"' + (s.length() <= TEXT ? s : s.substring(0, TEXT) + "… (" + s.length() + " characters)") + '"';
        }
        if (value instanceof Media m) {
            return media(m);
        }
        if (value instanceof Storyboard board) {
            return board.shots().stream()
                    .map(shot -> shot.seconds() + " s " + value(shot.prompt()))
                    .collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Shown::value).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream()
                    .map(e -> e.getKey() + "=" + value(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        return String.valueOf(value);
    }

    static String media(Media m) {
        String shown = m.describe();
        int query = shown.indexOf('?');
        return m.kind() == Media.Kind.URL && query >= 0 ? shown.substring(0, query) + "?…" : shown;
    }

    static String media(List<Media> media) {
        return media.stream().map(Shown::media).collect(Collectors.joining(", ", "[", "]"));
    }
}
