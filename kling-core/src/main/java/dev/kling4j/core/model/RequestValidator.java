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
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a {@link VideoInput} against what its category takes, as the endpoint table says, and reports
 * every problem at once, each with its field path and how to fix it. The one validator of kling4j: typed
 * builders, the generic {@code request(Map)} path and the CLI all go through it.
 *
 * <p>It checks: fields the category does not take (saying where they belong), required fields, the
 * {@code prompt} / {@code multi_prompt} rule, prompt length, durations, choices, storyboard shots, element
 * and image counts, the one-video rule, and the {@code @}-references of every prompt (errors only; see
 * {@link ReferenceLinter} for the warnings). Local files are checked later, when the request runs.
 */
public final class RequestValidator {
    private RequestValidator() {}

    /**
     * Every problem of an input.
     *
     * @param spec what the category takes
     * @param input the input
     * @return the problems, empty when the input is valid
     */
    public static List<Problem> problems(CategorySpec spec, VideoInput input) {
        return problems(spec, input, Set.of());
    }

    /**
     * Every problem of an input read from wire-named values, some of which could not be read.
     *
     * <p>A field that could not be read was left out of the input and its own problems are already
     * reported; this leaves out what would follow from its absence: "is required", and {@code @}-references
     * to its items (an element that was given but invalid is not also "not supplied").
     *
     * @param spec what the category takes
     * @param input the input
     * @param unread the wire names of the fields that could not be read
     * @return the problems, empty when the input is valid
     */
    static List<Problem> problems(CategorySpec spec, VideoInput input, Set<String> unread) {
        Catalog catalog = Catalog.standard();
        Limits limits = catalog.limits();
        List<Problem> problems = new ArrayList<>();
        for (Map.Entry<String, Object> e : input.fields().entrySet()) {
            String name = e.getKey();
            FieldSpec field = spec.field(name).orElse(null);
            if (field == null) {
                problems.add(refused(catalog, spec, name));
            } else {
                checkValue(spec, field, e.getValue(), limits, problems);
            }
        }
        for (FieldSpec f : spec.fields().values()) {
            if (f.required() && !input.fields().containsKey(f.name()) && !unread.contains(f.name())) {
                problems.add(new Problem(f.name(), "is required by " + spec.category().id(), requiredFix(f)));
            }
        }
        checkPromptRule(spec, input, limits, problems);
        checkCounts(spec, input, problems);
        checkVideoElementRules(spec, input, problems);
        spec.requires().forEach((field, needed) -> {
            if (input.fields().containsKey(field) && !input.fields().containsKey(needed) && !unread.contains(needed)) {
                problems.add(new Problem(field, "is set without " + needed + ": " + spec.category().id()
                        + " takes an end frame only together with a start frame",
                        "set " + needed + " too, or leave " + field + " out"));
            }
        });
        for (String name : input.extraBody().keySet()) {
            if (spec.takes(name)) {
                problems.add(new Problem(name, "is set as an extra body property but kling4j models it",
                        "set it with the request builder's own method instead of extraBody"));
            }
        }
        for (Finding f : lint(spec, input, false)) {
            if (f.severity() == Finding.Severity.ERROR && !refersToUnread(f, unread)) {
                problems.add(f.toProblem());
            }
        }
        return problems;
    }

    /**
     * Checks an input and throws when it has any problem.
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
                .orElseGet(() -> input.get("prompt", String.class).map(PromptText::prompt).orElse(List.of()));
        int elements = list(input, "elements").size();
        int images = list(input, "image_urls").size();
        boolean video = input.get("video_url", Media.class).isPresent();
        return ReferenceLinter.lint(spec, prompts, elements, images, video, warnUnnamed);
    }

    private static boolean refersToUnread(Finding finding, Set<String> unread) {
        return References.parse(finding.reference()).stream().anyMatch(r -> unread.contains(r.kind().field()));
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

    private static void checkValue(CategorySpec spec, FieldSpec field, Object value, Limits limits,
            List<Problem> problems) {
        String name = field.name();
        switch (field.type()) {
            case PROMPT -> {
                if (!(value instanceof String s)) {
                    problems.add(wrongType(name, "text"));
                } else {
                    checkPromptText(name, s, limits.promptMaxLength(), problems);
                }
            }
            case DURATION -> {
                if (!(value instanceof Integer seconds)) {
                    problems.add(wrongType(name, "a whole number of seconds"));
                } else if (seconds < limits.durationMin() || seconds > limits.durationMax()) {
                    problems.add(new Problem(name, "is " + seconds + " s, outside " + limits.durationMin() + "–"
                            + limits.durationMax() + " s", "use a whole number of seconds from " + limits.durationMin()
                            + " to " + limits.durationMax()));
                }
            }
            case BOOLEAN -> {
                if (!(value instanceof Boolean)) {
                    problems.add(wrongType(name, "true or false"));
                }
            }
            case ENUM -> {
                if (!(value instanceof String s) || !field.values().contains(s)) {
                    problems.add(new Problem(name, "'" + value + "' is not a choice " + spec.category().id()
                            + " takes", "use one of " + String.join(", ", field.values())));
                }
            }
            case IMAGE, VIDEO -> {
                if (!(value instanceof Media)) {
                    problems.add(wrongType(name, "a URL or a local file"));
                }
            }
            case IMAGE_LIST -> checkList(name, value, Media.class, "images (URLs or files)", problems);
            case SHOTS -> {
                if (!(value instanceof Storyboard board)) {
                    problems.add(wrongType(name, "a storyboard of shots"));
                } else {
                    checkStoryboard(name, board, limits, problems);
                }
            }
            case ELEMENTS -> {
                if (checkList(name, value, Element.class, "elements", problems)) {
                    checkElements(name, castList(value, Element.class), limits, problems);
                }
            }
            case IMAGE_ELEMENTS -> {
                if (value instanceof List<?> list && list.stream().anyMatch(Element.class::isInstance)) {
                    problems.add(new Problem(name, "video-to-video takes image elements, not full elements",
                            "use ImageElement (a frontal image and 0–3 reference images; no video, no voice)"));
                } else if (checkList(name, value, ImageElement.class, "image elements", problems)) {
                    List<ImageElement> elements = castList(value, ImageElement.class);
                    for (int i = 0; i < elements.size(); i++) {
                        int refs = elements.get(i).referenceImages().size();
                        if (refs > limits.elementReferenceImagesMax()) {
                            problems.add(new Problem(name + "[" + i + "].reference_image_urls", "has " + refs
                                    + " images", "give at most " + limits.elementReferenceImagesMax()));
                        }
                    }
                }
            }
            default -> throw new IllegalStateException("unhandled field type " + field.type());
        }
    }

    private static void checkPromptText(String field, String prompt, int maxLength, List<Problem> problems) {
        int length = PromptText.length(prompt);
        if (prompt.isBlank()) {
            problems.add(new Problem(field, "is blank", "describe the video to generate"));
        } else if (length > maxLength) {
            problems.add(new Problem(field, "is " + length + " characters long",
                    "shorten it to at most " + maxLength + " characters"));
        }
    }

    private static void checkStoryboard(String name, Storyboard board, Limits limits, List<Problem> problems) {
        int shots = board.shots().size();
        if (shots < limits.shotsMin()) {
            problems.add(new Problem(name, "has no shots", "add at least " + limits.shotsMin() + " shot"));
        } else if (shots > limits.shotsMax()) {
            problems.add(new Problem(name, "has " + shots + " shots", "use at most " + limits.shotsMax()
                    + " shots (Kling's limit); merge some, or make several videos"));
        }
        for (int i = 0; i < shots; i++) {
            Shot shot = board.shots().get(i);
            checkPromptText(name + "[" + i + "].prompt", shot.prompt(), limits.shotPromptMaxLength(), problems);
            if (shot.seconds() < limits.shotDurationMin() || shot.seconds() > limits.shotDurationMax()) {
                problems.add(new Problem(name + "[" + i + "].duration", "is " + shot.seconds() + " s",
                        "give each shot " + limits.shotDurationMin() + " to " + limits.shotDurationMax() + " s"));
            }
        }
    }

    private static void checkElements(String name, List<Element> elements, Limits limits, List<Problem> problems) {
        for (int i = 0; i < elements.size(); i++) {
            Element e = elements.get(i);
            String at = name + "[" + i + "]";
            int refs = e.referenceImages().size();
            boolean video = e.video().isPresent();
            if (!video && e.frontalImage().isEmpty()) {
                problems.add(new Problem(at + ".frontal_image_url", "is missing: an element is either a set of "
                        + "images (a frontal image and reference images) or a video",
                        "give the element's frontal image (and " + limits.elementReferenceImagesMin() + "–"
                                + limits.elementReferenceImagesMax() + " reference images), or its video"));
            }
            int min = video ? 0 : limits.elementReferenceImagesMin();
            if (refs < min || refs > limits.elementReferenceImagesMax()) {
                problems.add(new Problem(at + ".reference_image_urls", "has " + refs + " images",
                        video ? "give at most " + limits.elementReferenceImagesMax() + " reference images"
                                : "give " + min + " to " + limits.elementReferenceImagesMax()
                                        + " reference images besides the frontal one (fal refuses an image element"
                                        + " without one), or give the element as a video"));
            }
            if (e.voiceId().isPresent() && e.voiceId().get().isBlank()) {
                problems.add(new Problem(at + ".voice_id", "is blank",
                        "give the id fal's Kling create-voice endpoint returned, or leave it out"));
            }
        }
    }

    private static void checkPromptRule(CategorySpec spec, VideoInput input, Limits limits, List<Problem> problems) {
        boolean prompt = input.fields().containsKey("prompt");
        boolean shots = input.fields().containsKey("multi_prompt");
        if (spec.promptRule() == PromptRule.ONE_OF) {
            if (prompt && shots) {
                problems.add(new Problem("prompt", "and multi_prompt are both set",
                        "give either a prompt or a storyboard (multi_prompt), not both"));
            } else if (!prompt && !shots) {
                problems.add(new Problem("prompt", "is missing", "give a prompt or a storyboard (multi_prompt)"));
            }
        }
        Integer duration = input.get("duration", Integer.class).orElse(null);
        Storyboard board = input.get("multi_prompt", Storyboard.class).orElse(null);
        if (board == null || board.shots().isEmpty()) {
            return;
        }
        int total = board.totalSeconds();
        if (duration != null && total != duration) {
            problems.add(new Problem("multi_prompt", "shots add up to " + total + " s but duration is "
                    + duration + " s", "make the shots add up to the duration, or leave the duration out"));
        } else if (duration == null && (total < limits.durationMin() || total > limits.durationMax())) {
            // The total is sent as the duration, so it must be one fal takes.
            problems.add(new Problem("multi_prompt", "shots add up to " + total + " s, outside "
                    + limits.durationMin() + "–" + limits.durationMax() + " s",
                    "make the shots add up to " + limits.durationMin() + " to " + limits.durationMax()
                            + " s: the video lasts as long as its shots together"));
        }
    }

    private static void checkVideoElementRules(CategorySpec spec, VideoInput input, List<Problem> problems) {
        boolean videoElement = list(input, "elements").stream().anyMatch(e -> e instanceof Element el && el.video().isPresent());
        if (!videoElement) {
            return;
        }
        spec.refusedWithVideoElement().forEach((field, advice) -> {
            Object value = input.fields().get(field);
            if (value != null && !Boolean.FALSE.equals(value)) {
                problems.add(new Problem(field, "is " + value + " but an element carries a video", advice));
            }
        });
    }

    private static void checkCounts(CategorySpec spec, VideoInput input, List<Problem> problems) {
        List<?> elements = list(input, "elements");
        List<?> images = list(input, "image_urls");
        int total = elements.size() + images.size();
        long withVideo = elements.stream().filter(e -> e instanceof Element el && el.video().isPresent()).count();
        if (spec.maxElementsWithVideo().isPresent() && withVideo > spec.maxElementsWithVideo().getAsInt()) {
            problems.add(new Problem("elements", withVideo + " elements carry a video",
                    "give a video to at most " + spec.maxElementsWithVideo().getAsInt() + " element"));
        }
        if (withVideo > 0 && spec.maxElementsPlusImagesWithVideo().isPresent()
                && total > spec.maxElementsPlusImagesWithVideo().getAsInt()) {
            int max = spec.maxElementsPlusImagesWithVideo().getAsInt();
            problems.add(new Problem("elements", "with a video element, elements + image_urls is " + total,
                    "use at most " + max + " elements and reference images together when an element has a video"));
        } else if (spec.maxElementsPlusImages().isPresent() && total > spec.maxElementsPlusImages().getAsInt()) {
            int max = spec.maxElementsPlusImages().getAsInt();
            problems.add(new Problem("elements", "elements + image_urls is " + total,
                    "use at most " + max + " elements and reference images together"));
        }
    }

    private static boolean checkList(String name, Object value, Class<?> type, String what, List<Problem> problems) {
        if (!(value instanceof List<?> list) || !list.stream().allMatch(type::isInstance)) {
            problems.add(wrongType(name, "a list of " + what));
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

    private static List<?> list(VideoInput input, String name) {
        return input.get(name).filter(List.class::isInstance).map(v -> (List<?>) v).orElse(List.of());
    }
}
