package dev.kling4j.core.model;

import dev.kling4j.core.catalog.Catalog;
import dev.kling4j.core.catalog.Category;
import dev.kling4j.core.catalog.CategorySpec;
import dev.kling4j.core.catalog.FieldSpec;
import dev.kling4j.core.catalog.Limits;
import dev.kling4j.core.catalog.PromptRule;
import dev.kling4j.core.error.InvalidRequestException;
import dev.kling4j.core.error.Problem;
import dev.kling4j.core.media.Media;
import dev.kling4j.core.prompt.Finding;
import dev.kling4j.core.prompt.PromptText;
import dev.kling4j.core.prompt.ReferenceLinter;
import dev.kling4j.core.prompt.References;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a {@link VideoInput} against what its category takes, as the endpoint table says, and reports
 * every problem at once, each with its field path and how to fix it. The one validator of kling4j: typed
 * builders, the generic {@code request(Map)} path and the CLI all go through it.
 *
 * <p>It checks: fields the category does not take (saying where they belong), required fields, the
 * {@code prompt} / {@code multi_prompt} rule, prompt length, durations, choices, storyboard shots, element
 * and image counts, the one-video rule, extra body properties named like modelled fields, and the
 * {@code @}-references of every prompt (errors only; see {@link ReferenceLinter} for the warnings). Local
 * files are checked later, when the request runs.
 *
 * <p>Each problem is either past the table (an unlisted choice, a number past a limit, an extra body
 * property overriding a modelled field) or structural; {@link Validation#STRICT} makes both errors,
 * {@link Validation#LENIENT} makes the first kind warnings. Any {@link Catalog} may be the table: the shipped
 * one or one read with {@link Catalog#load(java.nio.file.Path)}.
 */
public final class RequestValidator {
    private RequestValidator() {}

    /**
     * What a check found.
     *
     * @param errors the problems that refuse the input
     * @param warnings the problems a lenient check let through (always empty in strict mode)
     */
    public record Report(List<Problem> errors, List<Problem> warnings) {

        /**
         * Copies the lists.
         *
         * @param errors the problems that refuse the input
         * @param warnings the problems a lenient check let through (always empty in strict mode)
         */
        public Report {
            errors = List.copyOf(errors);
            warnings = List.copyOf(warnings);
        }

        /**
         * Whether the input may be sent.
         *
         * @return true when there is no error
         */
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    /**
     * Every problem of an input, checked strictly against the shipped endpoint table.
     *
     * @param spec what the category takes
     * @param input the input
     * @return the problems, empty when the input is valid
     */
    public static List<Problem> problems(CategorySpec spec, VideoInput input) {
        return validate(Catalog.standard(), spec, input, Set.of(), Validation.STRICT)
                .errors();
    }

    /**
     * Checks an input strictly against the shipped endpoint table and throws when it has any problem.
     *
     * @param spec what the category takes
     * @param input the input
     * @throws InvalidRequestException listing every problem
     */
    public static void check(CategorySpec spec, VideoInput input) {
        List<Problem> problems = problems(spec, input);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
    }

    /**
     * Checks an input of a category against an endpoint table, in a mode.
     *
     * @param catalog the endpoint table, e.g. {@link Catalog#standard()}
     * @param category the input's category
     * @param input the input
     * @param validation how strictly
     * @return the errors and warnings
     */
    public static Report validate(Catalog catalog, Category category, VideoInput input, Validation validation) {
        return validate(catalog, catalog.category(category), input, Set.of(), validation);
    }

    /**
     * Checks an input of a category against an endpoint table, in a mode, and throws when it has any error.
     *
     * @param catalog the endpoint table, e.g. {@link Catalog#standard()}
     * @param category the input's category
     * @param input the input
     * @param validation how strictly
     * @return the validated input, with the warnings a lenient check kept
     * @throws InvalidRequestException listing every error
     */
    public static ValidatedInput check(Catalog catalog, Category category, VideoInput input, Validation validation) {
        Report report = validate(catalog, category, input, validation);
        if (!report.valid()) {
            throw new InvalidRequestException(report.errors());
        }
        return new ValidatedInput(input, catalog, category, validation, report.warnings());
    }

    /**
     * Every problem of an input read from wire-named values, some of which could not be read.
     *
     * <p>A field that could not be read was left out of the input and its own problems are already
     * reported; this leaves out what would follow from its absence: "is required", and {@code @}-references
     * to its items (an element that was given but invalid is not also "not supplied").
     *
     * @param catalog the endpoint table
     * @param spec what the category takes, from that table
     * @param input the input
     * @param unread the wire names of the fields that could not be read
     * @param validation how strictly
     * @return the errors and warnings
     */
    static Report validate(
            Catalog catalog, CategorySpec spec, VideoInput input, Set<String> unread, Validation validation) {
        Limits limits = catalog.limits();
        Found found = new Found(validation);
        for (Map.Entry<String, Object> e : input.fields().entrySet()) {
            String name = e.getKey();
            FieldSpec field = spec.field(name).orElse(null);
            if (field == null) {
                found.error(refused(catalog, spec, name));
            } else {
                checkValue(spec, field, e.getValue(), limits, found);
            }
        }
        for (FieldSpec f : spec.fields().values()) {
            if (f.required() && !sent(input, f.name()) && !unread.contains(f.name())) {
                found.error(new Problem(
                        f.name(), "is required by " + spec.category().id(), requiredFix(f)));
            }
        }
        checkPromptRule(spec, input, limits, found);
        checkCounts(spec, input, found);
        checkVideoElementRules(spec, input, found);
        spec.requires().forEach((field, needed) -> {
            if (sent(input, field) && !sent(input, needed) && !unread.contains(needed)) {
                found.error(new Problem(
                        field,
                        "is set without " + needed + ": " + spec.category().id()
                                + " takes an end frame only together with a start frame",
                        "set " + needed + " too, or leave " + field + " out"));
            }
        });
        for (String name : input.extraBody().keySet()) {
            if (spec.takes(name)) {
                found.pastTable(
                        new Problem(
                                name,
                                "is set as an extra body property but kling4j models it",
                                "set it with the request builder's own method instead of extraBody, or build the request"
                                        + " with lenient validation to send it in place of the field"),
                        new Problem(
                                name,
                                "is set as an extra body property: it is sent in place of the modelled"
                                        + " field, unchecked",
                                "set it with the request builder's own method to have it checked"));
            }
        }
        for (Finding f : lint(spec, input, false)) {
            if (f.severity() == Finding.Severity.ERROR && !refersToUnread(f, unread)) {
                found.error(f.toProblem());
            }
        }
        return new Report(found.errors, found.warnings);
    }

    /**
     * The problems of one check, sorted by kind: a structural problem is always an error; one past the
     * endpoint table is an error in strict mode and a warning in lenient mode. Order is kept within each list.
     */
    private static final class Found {
        private final boolean lenient;
        private final List<Problem> errors = new ArrayList<>();
        private final List<Problem> warnings = new ArrayList<>();

        Found(Validation validation) {
            this.lenient = Objects.requireNonNull(validation, "validation") == Validation.LENIENT;
        }

        void error(Problem p) {
            errors.add(p);
        }

        /** A value past the table, with the same words in either mode. */
        void pastTable(Problem p) {
            pastTable(p, new Problem(p.field(), p.message() + "; sent as it is (lenient validation)", p.fix()));
        }

        /** A value past the table, with its own words as a warning. */
        void pastTable(Problem strict, Problem warning) {
            if (lenient) {
                warnings.add(warning);
            } else {
                errors.add(strict);
            }
        }
    }

    /**
     * The {@code @}-reference findings of an input's prompts, errors and warnings.
     *
     * @param spec what the category takes
     * @param input the input
     * @param warnUnnamed whether to warn about elements and images no prompt names
     * @return the findings
     */
    public static List<Finding> lint(CategorySpec spec, VideoInput input, boolean warnUnnamed) {
        List<PromptText> prompts = input.get("multi_prompt", Storyboard.class)
                .map(s -> PromptText.shots(s.shots().stream().map(Shot::prompt).toList()))
                .orElseGet(() -> input.get("prompt", String.class)
                        .map(PromptText::prompt)
                        .orElse(List.of()));
        int elements = list(input, "elements").size();
        int images = list(input, "image_urls").size();
        boolean video = input.get("video_url", Media.class).isPresent();
        return ReferenceLinter.lint(spec, prompts, elements, images, video, warnUnnamed);
    }

    private static boolean refersToUnread(Finding finding, Set<String> unread) {
        return References.parse(finding.reference()).stream()
                .anyMatch(r -> unread.contains(r.kind().field()));
    }

    private static Problem refused(Catalog catalog, CategorySpec spec, String name) {
        String fix = spec.refusalHint(name).orElseGet(() -> {
            List<Category> taking = catalog.categoriesTaking(name);
            return taking.isEmpty()
                    ? "remove it; no Kling O3 endpoint takes it (use extraBody for a field fal added recently)"
                    : "remove it, or use " + taking.stream().map(Category::id).collect(Collectors.joining(" or "))
                            + ", which take it";
        });
        return new Problem(name, spec.category().id() + " does not take " + name, fix);
    }

    private static String requiredFix(FieldSpec f) {
        return switch (f.type()) {
            case IMAGE -> "give the image as a URL or a local file";
            case VIDEO -> "give the source video as a URL or a local .mp4/.mov file";
            case PROMPT -> "write a prompt";
            default -> "set " + f.name();
        };
    }

    private static void checkValue(CategorySpec spec, FieldSpec field, Object value, Limits limits, Found found) {
        String name = field.name();
        switch (field.type()) {
            case PROMPT -> {
                if (!(value instanceof String s)) {
                    found.error(wrongType(name, "text"));
                } else {
                    checkPromptText(name, s, limits.promptMaxLength(), found);
                }
            }
            case DURATION -> {
                if (!(value instanceof Integer seconds)) {
                    found.error(wrongType(name, "a whole number of seconds"));
                } else if (seconds < limits.durationMin() || seconds > limits.durationMax()) {
                    found.pastTable(new Problem(
                            name,
                            "is " + seconds + " s, outside " + limits.durationMin() + "–" + limits.durationMax() + " s",
                            "use a whole number of seconds from " + limits.durationMin() + " to "
                                    + limits.durationMax()));
                }
            }
            case BOOLEAN -> {
                if (!(value instanceof Boolean)) {
                    found.error(wrongType(name, "true or false"));
                }
            }
            case ENUM -> {
                Problem notAChoice = new Problem(
                        name,
                        "'" + value + "' is not a choice " + spec.category().id() + " takes",
                        "use one of " + String.join(", ", field.values()));
                if (!(value instanceof String s)) {
                    found.error(notAChoice); // not text: no version of fal's API takes it
                } else if (!field.values().contains(s)) {
                    found.pastTable(notAChoice);
                }
            }
            case IMAGE, VIDEO -> {
                if (!(value instanceof Media)) {
                    found.error(wrongType(name, "a URL or a local file"));
                }
            }
            case IMAGE_LIST -> checkList(name, value, Media.class, "images (URLs or files)", found);
            case SHOTS -> {
                if (!(value instanceof Storyboard board)) {
                    found.error(wrongType(name, "a storyboard of shots"));
                } else {
                    checkStoryboard(name, board, limits, found);
                }
            }
            case ELEMENTS -> {
                if (checkList(name, value, Element.class, "elements", found)) {
                    checkElements(name, castList(value, Element.class), limits, found);
                }
            }
            case IMAGE_ELEMENTS -> {
                if (value instanceof List<?> list && list.stream().anyMatch(Element.class::isInstance)) {
                    found.error(new Problem(
                            name,
                            "video-to-video takes image elements, not full elements",
                            "use ImageElement (a frontal image and 0–3 reference images; no video, no voice)"));
                } else if (checkList(name, value, ImageElement.class, "image elements", found)) {
                    List<ImageElement> elements = castList(value, ImageElement.class);
                    for (int i = 0; i < elements.size(); i++) {
                        int refs = elements.get(i).referenceImages().size();
                        if (refs > limits.elementReferenceImagesMax()) {
                            found.pastTable(new Problem(
                                    name + "[" + i + "].reference_image_urls",
                                    "has " + refs + " images",
                                    "give at most " + limits.elementReferenceImagesMax()));
                        }
                    }
                }
            }
            default -> throw new IllegalStateException("unhandled field type " + field.type());
        }
    }

    private static void checkPromptText(String field, String prompt, int maxLength, Found found) {
        int length = PromptText.length(prompt);
        if (prompt.isBlank()) {
            found.error(new Problem(field, "is blank", "describe the video to generate"));
        } else if (length > maxLength) {
            found.pastTable(new Problem(
                    field, "is " + length + " characters long", "shorten it to at most " + maxLength + " characters"));
        }
    }

    private static void checkStoryboard(String name, Storyboard board, Limits limits, Found found) {
        int shots = board.shots().size();
        if (shots < limits.shotsMin()) {
            found.pastTable(new Problem(name, "has no shots", "add at least " + limits.shotsMin() + " shot"));
        } else if (shots > limits.shotsMax()) {
            found.pastTable(new Problem(
                    name,
                    "has " + shots + " shots",
                    "use at most " + limits.shotsMax() + " shots (Kling's limit); merge some, or make several videos"));
        }
        for (int i = 0; i < shots; i++) {
            Shot shot = board.shots().get(i);
            checkPromptText(name + "[" + i + "].prompt", shot.prompt(), limits.shotPromptMaxLength(), found);
            if (shot.seconds() < limits.shotDurationMin() || shot.seconds() > limits.shotDurationMax()) {
                found.pastTable(new Problem(
                        name + "[" + i + "].duration",
                        "is " + shot.seconds() + " s",
                        "give each shot " + limits.shotDurationMin() + " to " + limits.shotDurationMax() + " s"));
            }
        }
    }

    private static void checkElements(String name, List<Element> elements, Limits limits, Found found) {
        for (int i = 0; i < elements.size(); i++) {
            Element e = elements.get(i);
            String at = name + "[" + i + "]";
            int refs = e.referenceImages().size();
            boolean video = e.video().isPresent();
            if (!video && e.frontalImage().isEmpty()) {
                found.error(new Problem(
                        at + ".frontal_image_url",
                        "is missing: an element is either a set of "
                                + "images (a frontal image and reference images) or a video",
                        "give the element's frontal image (and " + limits.elementReferenceImagesMin() + "–"
                                + limits.elementReferenceImagesMax() + " reference images), or its video"));
            }
            int min = video ? 0 : limits.elementReferenceImagesMin();
            if (refs < min || refs > limits.elementReferenceImagesMax()) {
                found.pastTable(new Problem(
                        at + ".reference_image_urls",
                        "has " + refs + " images",
                        video
                                ? "give at most " + limits.elementReferenceImagesMax() + " reference images"
                                : "give " + min + " to " + limits.elementReferenceImagesMax()
                                        + " reference images besides the frontal one (fal refuses an image element"
                                        + " without one), or give the element as a video"));
            }
            if (e.voiceId().isPresent() && e.voiceId().get().isBlank()) {
                found.error(new Problem(
                        at + ".voice_id",
                        "is blank",
                        "give the id fal's Kling create-voice endpoint returned, or leave it out"));
            }
        }
    }

    private static void checkPromptRule(CategorySpec spec, VideoInput input, Limits limits, Found found) {
        boolean prompt = sent(input, "prompt");
        boolean shots = sent(input, "multi_prompt");
        if (spec.promptRule() == PromptRule.ONE_OF) {
            if (prompt && shots) {
                found.error(new Problem(
                        "prompt",
                        "and multi_prompt are both set",
                        "give either a prompt or a storyboard (multi_prompt), not both"));
            } else if (!prompt && !shots) {
                found.error(new Problem("prompt", "is missing", "give a prompt or a storyboard (multi_prompt)"));
            }
        }
        Integer duration = input.get("duration", Integer.class).orElse(null);
        Storyboard board = input.get("multi_prompt", Storyboard.class).orElse(null);
        if (board == null || board.shots().isEmpty()) {
            return;
        }
        int total = board.totalSeconds();
        if (duration != null && total != duration) {
            found.error(new Problem(
                    "multi_prompt",
                    "shots add up to " + total + " s but duration is " + duration + " s",
                    "make the shots add up to the duration, or leave the duration out"));
        } else if (duration == null && (total < limits.durationMin() || total > limits.durationMax())) {
            // The total is sent as the duration, so it must be one fal takes.
            found.pastTable(new Problem(
                    "multi_prompt",
                    "shots add up to " + total + " s, outside " + limits.durationMin() + "–" + limits.durationMax()
                            + " s",
                    "make the shots add up to " + limits.durationMin() + " to " + limits.durationMax()
                            + " s: the video lasts as long as its shots together"));
        }
    }

    private static void checkVideoElementRules(CategorySpec spec, VideoInput input, Found found) {
        boolean videoElement = list(input, "elements").stream()
                .anyMatch(e -> e instanceof Element el && el.video().isPresent());
        if (!videoElement) {
            return;
        }
        spec.refusedWithVideoElement().forEach((field, advice) -> {
            Object value = input.fields().get(field);
            if (value != null && !Boolean.FALSE.equals(value)) {
                found.error(new Problem(field, "is " + value + " but an element carries a video", advice));
            }
        });
    }

    private static void checkCounts(CategorySpec spec, VideoInput input, Found found) {
        List<?> elements = list(input, "elements");
        List<?> images = list(input, "image_urls");
        int total = elements.size() + images.size();
        long withVideo = elements.stream()
                .filter(e -> e instanceof Element el && el.video().isPresent())
                .count();
        if (spec.maxElementsWithVideo().isPresent()
                && withVideo > spec.maxElementsWithVideo().getAsInt()) {
            found.pastTable(new Problem(
                    "elements",
                    withVideo + " elements carry a video",
                    "give a video to at most " + spec.maxElementsWithVideo().getAsInt() + " element"));
        }
        if (withVideo > 0
                && spec.maxElementsPlusImagesWithVideo().isPresent()
                && total > spec.maxElementsPlusImagesWithVideo().getAsInt()) {
            int max = spec.maxElementsPlusImagesWithVideo().getAsInt();
            found.pastTable(new Problem(
                    "elements",
                    "with a video element, elements + image_urls is " + total,
                    "use at most " + max + " elements and reference images together when an element has a video"));
        } else if (spec.maxElementsPlusImages().isPresent()
                && total > spec.maxElementsPlusImages().getAsInt()) {
            int max = spec.maxElementsPlusImages().getAsInt();
            found.pastTable(new Problem(
                    "elements",
                    "elements + image_urls is " + total,
                    "use at most " + max + " elements and reference images together"));
        }
    }

    private static boolean checkList(String name, Object value, Class<?> type, String what, Found found) {
        if (!(value instanceof List<?> list) || !list.stream().allMatch(type::isInstance)) {
            found.error(wrongType(name, "a list of " + what));
            return false;
        }
        return true;
    }

    private static <T> List<T> castList(Object value, Class<T> type) {
        return ((List<?>) value).stream().map(type::cast).toList();
    }

    private static Problem wrongType(String name, String expected) {
        return new Problem(name, "has a value of the wrong kind", "give " + expected);
    }

    /**
     * Whether a field goes on the wire: set, or given as an extra body property in its place (which lenient
     * validation lets through), so that a required field given that way is not also "missing".
     */
    private static boolean sent(VideoInput input, String name) {
        return input.fields().containsKey(name) || input.extraBody().containsKey(name);
    }

    private static List<?> list(VideoInput input, String name) {
        return input.get(name)
                .filter(List.class::isInstance)
                .map(v -> (List<?>) v)
                .orElse(List.of());
    }
}
