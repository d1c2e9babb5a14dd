package dev.kling4j.core.model;

import dev.kling4j.core.catalog.CategorySpec;
import dev.kling4j.core.catalog.FieldSpec;
import dev.kling4j.core.media.Media;
import dev.kling4j.core.media.MediaRole;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Turns a validated {@link VideoInput} into fal's JSON body, and lists the media it uses. */
final class WireFormat {
    private WireFormat() {}

    /** The body fal receives: durations as strings, media as URLs, elements and shots as objects. */
    static Map<String, Object> toWire(CategorySpec spec, VideoInput input, Function<Media, String> urlOf) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : input.fields().entrySet()) {
            FieldSpec field = spec.field(e.getKey()).orElseThrow();
            Object v = e.getValue();
            body.put(
                    e.getKey(),
                    switch (field.type()) {
                        case DURATION -> v.toString();
                        case IMAGE, VIDEO -> urlOf.apply((Media) v);
                        case IMAGE_LIST ->
                            ((List<?>) v)
                                    .stream().map(m -> urlOf.apply((Media) m)).toList();
                        case SHOTS ->
                            ((Storyboard) v)
                                    .shots().stream().map(WireFormat::shot).toList();
                        case ELEMENTS ->
                            ((List<?>) v)
                                    .stream()
                                            .map(el -> element((Element) el, urlOf))
                                            .toList();
                        case IMAGE_ELEMENTS ->
                            ((List<?>) v)
                                    .stream()
                                            .map(el -> imageElement((ImageElement) el, urlOf))
                                            .toList();
                        default -> v;
                    });
        }
        // Kling needs the shots to add up to the task's duration, and fal sends its default (5 s) when the
        // duration is left out: a storyboard always carries its total.
        input.get("multi_prompt", Storyboard.class)
                .filter(b -> spec.takes("duration") && !body.containsKey("duration"))
                .ifPresent(b -> body.put("duration", Integer.toString(b.totalSeconds())));
        // An extra body property named like a field passed lenient validation only: the user asked for it to
        // be sent in that field's place (fal moved on before kling4j did), so it wins.
        body.putAll(input.extraBody());
        return body;
    }

    /** Every place the input uses a media, with its role and field path, in field order. */
    static List<MediaUse> media(CategorySpec spec, VideoInput input) {
        List<MediaUse> uses = new ArrayList<>();
        for (Map.Entry<String, Object> e : input.fields().entrySet()) {
            String name = e.getKey();
            Object v = e.getValue();
            switch (spec.field(name).orElseThrow().type()) {
                case IMAGE -> uses.add(new MediaUse((Media) v, MediaRole.IMAGE, name));
                case VIDEO -> uses.add(new MediaUse((Media) v, MediaRole.VIDEO, name));
                case IMAGE_LIST -> {
                    List<?> list = (List<?>) v;
                    for (int i = 0; i < list.size(); i++) {
                        uses.add(new MediaUse((Media) list.get(i), MediaRole.IMAGE, name + "[" + i + "]"));
                    }
                }
                case ELEMENTS -> {
                    List<?> list = (List<?>) v;
                    for (int i = 0; i < list.size(); i++) {
                        Element el = (Element) list.get(i);
                        String at = name + "[" + i + "]";
                        el.frontalImage()
                                .ifPresent(m -> uses.add(new MediaUse(m, MediaRole.IMAGE, at + ".frontal_image_url")));
                        references(uses, at, el.referenceImages());
                        el.video().ifPresent(m -> uses.add(new MediaUse(m, MediaRole.VIDEO, at + ".video_url")));
                    }
                }
                case IMAGE_ELEMENTS -> {
                    List<?> list = (List<?>) v;
                    for (int i = 0; i < list.size(); i++) {
                        ImageElement el = (ImageElement) list.get(i);
                        String at = name + "[" + i + "]";
                        uses.add(new MediaUse(el.frontalImage(), MediaRole.IMAGE, at + ".frontal_image_url"));
                        references(uses, at, el.referenceImages());
                    }
                }
                default -> {}
            }
        }
        return uses;
    }

    private static void references(List<MediaUse> uses, String at, List<Media> references) {
        for (int j = 0; j < references.size(); j++) {
            uses.add(new MediaUse(references.get(j), MediaRole.IMAGE, at + ".reference_image_urls[" + j + "]"));
        }
    }

    private static Map<String, Object> shot(Shot shot) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("prompt", shot.prompt());
        m.put("duration", Integer.toString(shot.seconds()));
        return m;
    }

    private static Map<String, Object> element(Element el, Function<Media, String> urlOf) {
        Map<String, Object> m = imageElementBody(el.frontalImage().orElse(null), el.referenceImages(), urlOf);
        el.video().ifPresent(v -> m.put("video_url", urlOf.apply(v)));
        el.voiceId().ifPresent(v -> m.put("voice_id", v));
        return m;
    }

    private static Map<String, Object> imageElement(ImageElement el, Function<Media, String> urlOf) {
        return imageElementBody(el.frontalImage(), el.referenceImages(), urlOf);
    }

    /** An element's images; {@code frontal} is null for a video element given without one. */
    private static Map<String, Object> imageElementBody(
            Media frontal, List<Media> references, Function<Media, String> urlOf) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (frontal != null) {
            m.put("frontal_image_url", urlOf.apply(frontal));
        }
        if (!references.isEmpty()) {
            m.put("reference_image_urls", references.stream().map(urlOf).toList());
        }
        return m;
    }
}
