package dev.kling4j.core.model;

import dev.kling4j.core.OpenEnum;
import dev.kling4j.core.catalog.CategorySpec;
import dev.kling4j.core.catalog.FieldSpec;
import dev.kling4j.core.error.Problem;
import dev.kling4j.core.media.Media;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a request given as wire-named values (a map from a config file, JSON, the CLI) into a
 * {@link VideoInput}, converting each value by the field's type in the endpoint table: media from URL, data
 * URI or path strings, durations from numbers or numeric strings, choices from text or an open value such as
 * {@link AspectRatio}, storyboards and elements from maps.
 * Fields the category does not take are kept as they are, for the validator to refuse with advice.
 */
final class InputReader {
    private static final Set<String> ELEMENT_KEYS =
            Set.of("frontal_image_url", "reference_image_urls", "video_url", "voice_id");

    private final CategorySpec spec;
    private final List<Problem> problems = new ArrayList<>();

    private InputReader(CategorySpec spec) {
        this.spec = spec;
    }

    /**
     * The input, the problems met while converting it, and the fields left out because they failed (so
     * the validator's "missing" findings about them are not reported twice).
     */
    record Read(VideoInput input, List<Problem> problems, Set<String> failed) {}

    static Read read(CategorySpec spec, Map<String, ?> values) {
        InputReader reader = new InputReader(spec);
        VideoInput.Builder b = VideoInput.builder();
        Set<String> failed = new HashSet<>();
        values.forEach((name, value) -> {
            if (value == null) {
                return;
            }
            FieldSpec field = spec.field(name).orElse(null);
            Object converted = field == null ? value : reader.convert(field, name, value);
            if (converted != null) {
                b.set(name, converted);
            } else {
                failed.add(name);
            }
        });
        return new Read(b.build(), List.copyOf(reader.problems), Set.copyOf(failed));
    }

    /** The converted value, or null when any part of it failed (its problems are recorded, none cascade). */
    private Object convert(FieldSpec field, String path, Object value) {
        int before = problems.size();
        Object converted = convertValue(field, path, value);
        return problems.size() == before ? converted : null;
    }

    private Object convertValue(FieldSpec field, String path, Object value) {
        return switch (field.type()) {
            case PROMPT -> text(path, value);
            case ENUM -> value instanceof OpenEnum choice ? choice.value() : text(path, value);
            case DURATION -> seconds(path, value);
            case BOOLEAN -> bool(path, value);
            case IMAGE, VIDEO -> media(path, value);
            case IMAGE_LIST -> mediaList(path, value);
            case SHOTS -> storyboard(path, value);
            case ELEMENTS -> elements(path, value, true);
            case IMAGE_ELEMENTS -> elements(path, value, false);
        };
    }

    private String text(String path, Object value) {
        if (value instanceof String s) {
            return s;
        }
        return fail(path, "is " + describe(value) + ", not text", "give a string");
    }

    private Integer seconds(String path, Object value) {
        if (value instanceof Integer i) {
            return i;
        }
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.intValue();
        }
        if (value instanceof String s) {
            String t = s.trim().toLowerCase(Locale.ROOT);
            if (t.endsWith("s")) {
                t = t.substring(0, t.length() - 1).trim();
            }
            try {
                return Integer.parseInt(t);
            } catch (NumberFormatException e) {
                return fail(path, "'" + s + "' is not a whole number of seconds", "give e.g. 5 or \"10\"");
            }
        }
        return fail(path, "is " + describe(value) + ", not a whole number of seconds", "give e.g. 5 or \"10\"");
    }

    private Boolean bool(String path, Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s);
        }
        return fail(path, "is " + describe(value) + ", not true or false", "give true or false");
    }

    private Media media(String path, Object value) {
        if (value instanceof Media m) {
            return m;
        }
        if (value instanceof String s && !s.isBlank()) {
            try {
                return Media.parse(s);
            } catch (RuntimeException e) {
                return fail(
                        path,
                        "'" + s + "' is not a usable URL or path: " + e.getMessage(),
                        "give an http(s) URL, a data: URI or a path to a local file");
            }
        }
        return fail(
                path,
                "is " + describe(value) + ", not a URL or a path",
                "give an http(s) URL, a data: URI or a path to a local file");
    }

    private List<Media> mediaList(String path, Object value) {
        List<?> items = list(path, value);
        if (items == null) {
            return null;
        }
        List<Media> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Media m = media(path + "[" + i + "]", items.get(i));
            if (m != null) {
                out.add(m);
            }
        }
        return out;
    }

    private Storyboard storyboard(String path, Object value) {
        if (value instanceof Storyboard s) {
            return s;
        }
        List<?> items = list(path, value);
        if (items == null) {
            return null;
        }
        List<Shot> shots = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String at = path + "[" + i + "]";
            if (items.get(i) instanceof Shot shot) {
                shots.add(shot);
            } else if (items.get(i) instanceof Map<?, ?> m) {
                String prompt = m.get("prompt") == null ? null : text(at + ".prompt", m.get("prompt"));
                Integer seconds = m.get("duration") == null ? null : seconds(at + ".duration", m.get("duration"));
                if (prompt == null && m.get("prompt") == null) {
                    fail(at + ".prompt", "is missing", "give each shot a prompt");
                }
                if (seconds == null && m.get("duration") == null) {
                    fail(at + ".duration", "is missing", "give each shot a duration in seconds");
                }
                if (prompt != null && seconds != null) {
                    shots.add(new Shot(seconds, prompt));
                }
            } else {
                fail(at, "is " + describe(items.get(i)) + ", not a shot", "give {\"prompt\": …, \"duration\": …}");
            }
        }
        return Storyboard.of(shots);
    }

    private List<Object> elements(String path, Object value, boolean full) {
        List<?> items = list(path, value);
        if (items == null) {
            return null;
        }
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String at = path + "[" + i + "]";
            Object item = items.get(i);
            if (item instanceof Element || item instanceof ImageElement) {
                out.add(item);
            } else if (item instanceof Map<?, ?> m) {
                Object element = element(at, m, full);
                if (element != null) {
                    out.add(element);
                }
            } else {
                fail(
                        at,
                        "is " + describe(item) + ", not an element",
                        "give {\"frontal_image_url\": …, \"reference_image_urls\": [...]}");
            }
        }
        return out;
    }

    private Object element(String at, Map<?, ?> m, boolean full) {
        for (Object key : m.keySet()) {
            if (!ELEMENT_KEYS.contains(String.valueOf(key))) {
                fail(
                        at + "." + key,
                        "is not a field of an element",
                        "use frontal_image_url, reference_image_urls" + (full ? ", video_url, voice_id" : ""));
            }
        }
        if (!full) {
            for (String key : List.of("video_url", "voice_id")) {
                if (m.containsKey(key)) {
                    fail(
                            at + "." + key,
                            "is not taken by video-to-video's image elements",
                            "remove it; only reference-to-video elements take a video or a voice");
                }
            }
        }
        int before = problems.size();
        // A full element may be a video alone; whether it then needs its images is the validator's call.
        Media frontal = m.get("frontal_image_url") == null
                ? (full ? null : fail(at + ".frontal_image_url", "is missing", "give the element's frontal image"))
                : media(at + ".frontal_image_url", m.get("frontal_image_url"));
        List<Media> refs = m.get("reference_image_urls") == null
                ? List.of()
                : mediaList(at + ".reference_image_urls", m.get("reference_image_urls"));
        if (problems.size() > before) {
            return null;
        }
        if (!full) {
            return ImageElement.of(frontal, refs.toArray(Media[]::new));
        }
        Element.Builder b = Element.builder().referenceImages(refs);
        if (frontal != null) {
            b.frontalImage(frontal);
        }
        if (m.get("video_url") != null) {
            Media video = media(at + ".video_url", m.get("video_url"));
            if (video != null) {
                b.video(video);
            }
        }
        if (m.get("voice_id") != null) {
            String voice = text(at + ".voice_id", m.get("voice_id"));
            if (voice != null) {
                b.voiceId(voice);
            }
        }
        return b.build();
    }

    private List<?> list(String path, Object value) {
        if (value instanceof List<?> l) {
            return l;
        }
        return fail(path, "is " + describe(value) + ", not a list", "give a list");
    }

    private <T> T fail(String path, String message, String fix) {
        problems.add(new Problem(path, message, fix));
        return null;
    }

    private static String describe(Object value) {
        return value instanceof String s ? "'" + s + "'" : value.getClass().getSimpleName() + " " + value;
    }
}
