package dev.kling4j.cli;

import dev.kling4j.core.catalog.Catalog;
import dev.kling4j.core.catalog.Category;
import dev.kling4j.core.catalog.CategorySpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * The input flags, in groups that commands mix in, and the one mapping from flags to fal's wire field names.
 * Each group writes only the flags the user gave; the model's own validation (from the endpoint table) then
 * refuses what its category does not take, naming the field, which {@link #flagOf} turns back into a flag.
 */
final class InputFlags {
    private static final Map<String, String> FLAG_OF = Map.ofEntries(
            Map.entry("image_url", "--image"),
            Map.entry("start_image_url", "--image"),
            Map.entry("end_image_url", "--end-image"),
            Map.entry("prompt", "--prompt"),
            Map.entry("multi_prompt", "--shot"),
            Map.entry("duration", "--duration"),
            Map.entry("generate_audio", "--audio"),
            Map.entry("aspect_ratio", "--aspect-ratio"),
            Map.entry("image_urls", "--ref-image"),
            Map.entry("elements", "--element-front/--element"),
            Map.entry("video_url", "--video"),
            Map.entry("keep_audio", "--keep-audio"),
            Map.entry("shot_type", "--shot-type"));

    private InputFlags() {}

    /** A group of flags that contributes wire-named values. */
    interface WireFlags {
        void addTo(Map<String, Object> wire, CategorySpec spec, Inputs media);
    }

    /**
     * The flag for a wire field path such as {@code elements[1].frontal_image_url}.
     *
     * @param field the field path from a validation problem
     * @return the flag, or empty text when no flag sets it
     */
    static String flagOf(String field) {
        int end = field.length();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '[' || c == '.') {
                end = i;
                break;
            }
        }
        return FLAG_OF.getOrDefault(field.substring(0, end), "");
    }

    /**
     * A message of the model layer in the CLI's words: wire field names ({@code multi_prompt},
     * {@code aspect_ratio}) become the flags that set them ({@code --shot}, {@code --aspect-ratio}). Plain
     * words that are also field names ({@code prompt}, {@code duration}) are left alone.
     *
     * @param text a problem's message or fix
     * @return the text with flags
     */
    static String inFlags(String text) {
        String out = text;
        for (Map.Entry<String, String> e : FLAG_OF.entrySet()) {
            if (e.getKey().indexOf('_') > 0) {
                out = out.replaceAll("(?<![\\w\\[.-])" + e.getKey() + "(?![\\w])", e.getValue());
            }
        }
        return out;
    }

    /** {@code --prompt} and {@code --prompt-file}. */
    static final class Prompt implements WireFlags {
        @Option(
                names = {"-p", "--prompt"},
                paramLabel = "TEXT",
                description =
                        "What happens; refer to inputs as @Element1, @Image1, @Video1 …; - reads it from stdin (UTF-8).")
        String prompt;

        @Option(
                names = "--prompt-file",
                paramLabel = "FILE",
                description = "Read the prompt from a UTF-8 text file (- for stdin), instead of --prompt.")
        String promptFile;

        @Override
        public void addTo(Map<String, Object> wire, CategorySpec spec, Inputs media) {
            if (prompt != null && promptFile != null) {
                throw CliException.usage("give the prompt once: --prompt TEXT or --prompt-file FILE, not both");
            }
            if (prompt != null) {
                wire.put("prompt", prompt.equals("-") ? media.stdinText("--prompt -") : prompt);
            } else if (promptFile != null) {
                wire.put("prompt", media.textFile("--prompt-file", promptFile));
            }
        }
    }

    /** {@code --shot}: a storyboard, instead of one prompt. */
    static final class Shots implements WireFlags {
        @Option(
                names = "--shot",
                paramLabel = "duration=N:TEXT",
                description =
                        "A storyboard shot instead of --prompt, repeatable: --shot \"duration=4:the fox stops\" --shot \"duration=6:it jumps\".")
        List<String> shots = new ArrayList<>();

        @Override
        public void addTo(Map<String, Object> wire, CategorySpec spec, Inputs media) {
            if (!shots.isEmpty()) {
                List<Map<String, Object>> list = new ArrayList<>();
                for (String shot : shots) {
                    list.add(shot(shot));
                }
                wire.put("multi_prompt", list);
            }
        }

        static Map<String, Object> shot(String shot) {
            int colon = shot.indexOf(':');
            String head = colon < 0 ? "" : shot.substring(0, colon).trim();
            if (!head.startsWith("duration=")) {
                throw CliException.usage("--shot \"" + shot
                        + "\": write it as duration=SECONDS:TEXT, e.g. --shot \"duration=4:the fox stops\"");
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("prompt", shot.substring(colon + 1).trim());
            m.put("duration", head.substring("duration=".length()).trim());
            return m;
        }
    }

    /**
     * A group of one flag that writes its value, when given, as one wire field. Subclasses annotate a setter
     * (picocli calls it with the flag's value) that hands the value to {@link #given}.
     */
    abstract static class OneField implements WireFlags {
        private final String field;
        private Object value;

        OneField(String field) {
            this.field = field;
        }

        final void given(Object value) {
            this.value = value;
        }

        @Override
        public final void addTo(Map<String, Object> wire, CategorySpec spec, Inputs media) {
            if (value != null) {
                wire.put(field, value);
            }
        }
    }

    /** {@code --duration}. */
    static final class Duration extends OneField {
        Duration() {
            super("duration");
        }

        @Option(
                names = {"-d", "--duration"},
                paramLabel = "SECONDS",
                converter = SecondsConverter.class,
                description = "Length of the video in whole seconds, 3-15 (default 5), e.g. --duration 5.")
        void set(Integer duration) {
            given(duration);
        }
    }

    /** {@code --audio}. */
    static final class Audio extends OneField {
        Audio() {
            super("generate_audio");
        }

        @Option(names = "--audio", negatable = true, description = "Generate sound with the video (priced higher).")
        void set(Boolean audio) {
            given(audio);
        }
    }

    /**
     * {@code --aspect-ratio}, as text-to-video and reference-to-video take it; its help lists the endpoint
     * table's values. Video-to-video reference takes more, see {@link VideoAspectRatio}.
     */
    static final class AspectRatio extends OneField {
        AspectRatio() {
            super("aspect_ratio");
        }

        @Option(
                names = "--aspect-ratio",
                paramLabel = "RATIO",
                completionCandidates = GenerationAspectRatios.class,
                description = "Shape of the video: ${COMPLETION-CANDIDATES}.")
        void set(String aspectRatio) {
            given(aspectRatio);
        }
    }

    /** {@code --aspect-ratio} for video-to-video reference, which also takes {@code auto} (the source's). */
    static final class VideoAspectRatio extends OneField {
        VideoAspectRatio() {
            super("aspect_ratio");
        }

        @Option(
                names = "--aspect-ratio",
                paramLabel = "RATIO",
                completionCandidates = VideoAspectRatios.class,
                description = "Shape of the video: ${COMPLETION-CANDIDATES}.")
        void set(String aspectRatio) {
            given(aspectRatio);
        }
    }

    /** {@code --aspect-ratio} for commands of every category ({@code cost}, {@code lint}). */
    static final class AnyAspectRatio extends OneField {
        AnyAspectRatio() {
            super("aspect_ratio");
        }

        @Option(
                names = "--aspect-ratio",
                paramLabel = "RATIO",
                completionCandidates = AllAspectRatios.class,
                description = "Shape of the video: ${COMPLETION-CANDIDATES}, as the model's category takes them.")
        void set(String aspectRatio) {
            given(aspectRatio);
        }
    }

    /**
     * {@code --shot-type}, as the generating commands take it; its help lists the endpoint table's values.
     * Video-to-video takes fewer, see {@link VideoShotType}.
     */
    static final class ShotType extends OneField {
        ShotType() {
            super("shot_type");
        }

        @Option(
                names = "--shot-type",
                paramLabel = "TYPE",
                completionCandidates = GenerationShotTypes.class,
                description = "How shots are cut: ${COMPLETION-CANDIDATES} (fal's default: customize).")
        void set(String shotType) {
            given(shotType);
        }
    }

    /** {@code --shot-type} for video-to-video, whose endpoints take {@code customize} only. */
    static final class VideoShotType extends OneField {
        VideoShotType() {
            super("shot_type");
        }

        @Option(
                names = "--shot-type",
                paramLabel = "TYPE",
                completionCandidates = VideoShotTypes.class,
                description = "How shots are cut: ${COMPLETION-CANDIDATES} (the only type video-to-video takes).")
        void set(String shotType) {
            given(shotType);
        }
    }

    /** The aspect ratios of text-to-video and reference-to-video, from the endpoint table. */
    static final class GenerationAspectRatios extends FieldValues {
        GenerationAspectRatios() {
            super("aspect_ratio", Category.TEXT_TO_VIDEO, Category.REFERENCE_TO_VIDEO);
        }
    }

    /** The aspect ratios of video-to-video reference, from the endpoint table. */
    static final class VideoAspectRatios extends FieldValues {
        VideoAspectRatios() {
            super("aspect_ratio", Category.VIDEO_TO_VIDEO_REFERENCE);
        }
    }

    /** The aspect ratios of every category that takes one, from the endpoint table. */
    static final class AllAspectRatios extends FieldValues {
        AllAspectRatios() {
            super("aspect_ratio", Category.values());
        }
    }

    /** The shot types of the generating categories, from the endpoint table. */
    static final class GenerationShotTypes extends FieldValues {
        GenerationShotTypes() {
            super("shot_type", Category.IMAGE_TO_VIDEO, Category.TEXT_TO_VIDEO, Category.REFERENCE_TO_VIDEO);
        }
    }

    /** The shot types of video-to-video, from the endpoint table. */
    static final class VideoShotTypes extends FieldValues {
        VideoShotTypes() {
            super("shot_type", Category.VIDEO_TO_VIDEO_EDIT, Category.VIDEO_TO_VIDEO_REFERENCE);
        }
    }

    /** The values a field takes in some categories, in the table's order: for help texts and completion. */
    abstract static class FieldValues implements Iterable<String> {
        private final List<String> values;

        FieldValues(String field, Category... categories) {
            this.values = values(field, List.of(categories));
        }

        /**
         * The values of one field of the endpoint table over some categories: the one lookup behind help texts
         * and completion.
         *
         * @param field the wire field, e.g. {@code aspect_ratio}
         * @param categories the categories
         * @return the values in table order, each once; empty when no category has the field or it is not a choice
         */
        static List<String> values(String field, Collection<Category> categories) {
            Set<String> all = new LinkedHashSet<>();
            for (Category c : categories) {
                Catalog.standard().category(c).field(field).ifPresent(f -> all.addAll(f.values()));
            }
            return List.copyOf(all);
        }

        @Override
        public Iterator<String> iterator() {
            return values.iterator();
        }
    }

    /** {@code --image} (start frame) and {@code --end-image}. */
    static final class Frames implements WireFlags {
        @Option(
                names = {"-i", "--image"},
                paramLabel = "FILE|URL",
                description = "Start frame: a local image or a URL.")
        String image;

        @Option(names = "--end-image", paramLabel = "FILE|URL", description = "End frame: a local image or a URL.")
        String endImage;

        @Override
        public void addTo(Map<String, Object> wire, CategorySpec spec, Inputs media) {
            if (image != null) {
                // image-to-video names its start frame image_url; reference-to-video start_image_url.
                wire.put(
                        spec.takes("start_image_url") ? "start_image_url" : "image_url", media.media("--image", image));
            }
            if (endImage != null) {
                wire.put("end_image_url", media.media("--end-image", endImage));
            }
        }
    }

    /** {@code --ref-image}, {@code --element-front}, {@code --element-ref} and {@code --element}. */
    static final class References implements WireFlags {
        @Option(
                names = "--ref-image",
                arity = "1..*",
                paramLabel = "FILE|URL",
                description = "Reference images (style, background), @Image1, @Image2 … in the prompt.")
        List<String> refImages = new ArrayList<>();

        @Option(
                names = "--element-front",
                arity = "1..*",
                paramLabel = "FILE|URL",
                description = "Frontal images of characters or objects: one element each, @Element1, @Element2 …")
        List<String> elementFronts = new ArrayList<>();

        @Option(
                names = "--element-ref",
                arity = "1..*",
                paramLabel = "FILE|URL",
                description = "More views of the single --element-front element (use --element for several).")
        List<String> elementRefs = new ArrayList<>();

        @Option(
                names = "--element",
                paramLabel = "front=F,ref=R,video=V,voice=ID",
                description =
                        "An element in full, repeatable: front=a.jpg,ref=b.jpg,ref=c.jpg[,voice=ID] (an image set), "
                                + "or video=m.mp4 (a video element; front= and ref= optional).")
        List<String> elements = new ArrayList<>();

        @Override
        public void addTo(Map<String, Object> wire, CategorySpec spec, Inputs media) {
            if (!refImages.isEmpty()) {
                wire.put(
                        "image_urls",
                        refImages.stream()
                                .map(v -> media.media("--ref-image", v))
                                .toList());
            }
            if (!elementRefs.isEmpty() && elementFronts.size() != 1) {
                throw CliException.usage(
                        elementFronts.isEmpty()
                                ? "--element-ref needs the element it belongs to: give one --element-front, or use --element \"front=a.jpg,ref=b.jpg\""
                                : "--element-ref is ambiguous with " + elementFronts.size()
                                        + " --element-front images: say which element"
                                        + " each view belongs to with --element \"front=a.jpg,ref=a-side.jpg\" (repeatable)");
            }
            List<Map<String, Object>> list = new ArrayList<>();
            for (String front : elementFronts) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("frontal_image_url", media.media("--element-front", front));
                if (!elementRefs.isEmpty()) {
                    e.put(
                            "reference_image_urls",
                            elementRefs.stream()
                                    .map(v -> media.media("--element-ref", v))
                                    .toList());
                }
                list.add(e);
            }
            for (String element : elements) {
                list.add(element(element, media));
            }
            if (!list.isEmpty()) {
                wire.put("elements", list);
            }
        }

        static Map<String, Object> element(String text, Inputs media) {
            Map<String, Object> e = new LinkedHashMap<>();
            List<String> refs = new ArrayList<>();
            for (String part : text.split(",")) {
                int eq = part.indexOf('=');
                String key = eq < 0 ? part.trim() : part.substring(0, eq).trim();
                String value = eq < 0 ? "" : part.substring(eq + 1).trim();
                if (value.isEmpty()) {
                    throw CliException.usage(
                            "--element \"" + text + "\": '" + part + "' needs a value, e.g. front=a.jpg");
                }
                switch (key) {
                    case "front":
                        e.put("frontal_image_url", media.media("--element front=", value));
                        break;
                    case "ref":
                        refs.add(media.media("--element ref=", value));
                        break;
                    case "video":
                        e.put("video_url", media.media("--element video=", value));
                        break;
                    case "voice":
                        e.put("voice_id", value);
                        break;
                    default:
                        throw CliException.usage("--element \"" + text + "\": unknown key '" + key
                                + "'; use front=, ref= (repeatable), video= or voice=");
                }
            }
            if (!refs.isEmpty()) {
                e.put("reference_image_urls", refs);
            }
            return e;
        }
    }

    /** {@code --video} and {@code --keep-audio}. */
    static final class Video implements WireFlags {
        @Option(
                names = {"-v", "--video"},
                paramLabel = "FILE|URL",
                description = "The source video: a local .mp4/.mov or a URL.")
        String video;

        @Option(
                names = "--keep-audio",
                negatable = true,
                description = "Keep the source video's sound (--no-keep-audio drops it).")
        Boolean keepAudio;

        @Override
        public void addTo(Map<String, Object> wire, CategorySpec spec, Inputs media) {
            if (video != null) {
                wire.put("video_url", media.media("--video", video));
            }
            if (keepAudio != null) {
                wire.put("keep_audio", keepAudio);
            }
        }
    }
}
