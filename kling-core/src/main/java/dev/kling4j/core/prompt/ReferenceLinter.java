package dev.kling4j.core.prompt;

import dev.kling4j.core.catalog.CategorySpec;
import dev.kling4j.core.catalog.ReferenceKind;
import dev.kling4j.core.prompt.Finding.Severity;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks the {@code @}-references of a request's prompts against what the request supplies and what its
 * endpoint takes, before anything is spent.
 *
 * <p>Errors: a reference past the end of its array ({@code @Element3} with two elements), a kind the
 * endpoint does not take ({@code @Video1} on reference-to-video, {@code @Element1} on text-to-video).
 * Warnings: malformed references (see {@link References}), and supplied elements or images that no prompt
 * names. Usable on its own, e.g. in an editor:
 *
 * <pre>{@code
 * CategorySpec ref = Catalog.standard().category(Category.REFERENCE_TO_VIDEO);
 * List<Finding> findings = ReferenceLinter.lint(ref, List.of("@Element1 waves at @Element3"), 2, 0, false);
 * // ERROR prompt 20..29 @Element3: ... only 2 elements are supplied ...
 * }</pre>
 */
public final class ReferenceLinter {

    private ReferenceLinter() {}

    /**
     * Lints prompts given as plain strings.
     *
     * <p>One string is the request's {@code prompt}; several are the shots of its {@code multi_prompt}
     * ({@code multi_prompt[i].prompt}). For a {@code multi_prompt} of a single shot, use
     * {@link #lint(CategorySpec, List, int, int, boolean, boolean)} with {@link PromptText#shots(List)}, so
     * that the field path is right.
     *
     * @param spec the endpoint's category
     * @param prompts the prompt, or the shot prompts in order
     * @param elementCount how many {@code elements} the request supplies
     * @param imageCount how many {@code image_urls} the request supplies
     * @param hasVideo whether the request supplies a source video ({@code video_url})
     * @return the findings, errors and warnings, in prompt order, then unnamed elements and images
     */
    public static List<Finding> lint(
            CategorySpec spec, List<String> prompts, int elementCount, int imageCount, boolean hasVideo) {
        List<PromptText> texts = prompts.size() == 1 ? PromptText.prompt(prompts.get(0)) : PromptText.shots(prompts);
        return lint(spec, texts, elementCount, imageCount, hasVideo, true);
    }

    /**
     * Lints prompts with their field paths.
     *
     * @param spec the endpoint's category
     * @param prompts the prompts with their field paths ({@link PromptText#prompt}, {@link PromptText#shots})
     * @param elementCount how many {@code elements} the request supplies
     * @param imageCount how many {@code image_urls} the request supplies
     * @param hasVideo whether the request supplies a source video ({@code video_url})
     * @param warnUnnamed whether to warn about supplied elements and images no prompt names
     * @return the findings, errors and warnings, in prompt order, then unnamed elements and images
     */
    public static List<Finding> lint(
            CategorySpec spec,
            List<PromptText> prompts,
            int elementCount,
            int imageCount,
            boolean hasVideo,
            boolean warnUnnamed) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(prompts, "prompts");
        Map<ReferenceKind, Integer> supplied = new EnumMap<>(ReferenceKind.class);
        supplied.put(ReferenceKind.ELEMENT, elementCount);
        supplied.put(ReferenceKind.IMAGE, imageCount);
        supplied.put(ReferenceKind.VIDEO, hasVideo ? 1 : 0);
        Map<ReferenceKind, Set<Integer>> named = new EnumMap<>(ReferenceKind.class);
        List<Finding> findings = new ArrayList<>();
        for (PromptText prompt : prompts) {
            for (Reference r : References.parse(prompt.text())) {
                Finding f = check(spec, prompt.field(), r, supplied.get(r.kind()));
                if (f != null) {
                    findings.add(f);
                }
                if (r.wellFormed()) {
                    named.computeIfAbsent(r.kind(), k -> new HashSet<>()).add(r.number());
                }
            }
        }
        if (warnUnnamed) {
            for (ReferenceKind kind : List.of(ReferenceKind.ELEMENT, ReferenceKind.IMAGE)) {
                if (!spec.references().contains(kind)) {
                    continue; // the request validator refuses the field itself
                }
                Set<Integer> seen = named.getOrDefault(kind, Set.of());
                for (int n = 1; n <= supplied.get(kind); n++) {
                    if (!seen.contains(n)) {
                        String ref = "@" + kind.word() + n;
                        findings.add(new Finding(
                                Severity.WARNING,
                                kind.field() + "[" + (n - 1) + "]",
                                -1,
                                -1,
                                ref,
                                kind.field() + "[" + (n - 1) + "] is supplied but no prompt names it " + ref,
                                "name it in a prompt as " + ref + ", or remove it if it is not needed"));
                    }
                }
            }
        }
        return List.copyOf(findings);
    }

    private static Finding check(CategorySpec spec, String field, Reference r, int count) {
        ReferenceKind kind = r.kind();
        if (!r.wellFormed()) {
            String fix = r.suggestion().map(s -> "write " + s).orElse("write @" + kind.word() + "N with N from 1");
            return new Finding(
                    Severity.WARNING,
                    field,
                    r.start(),
                    r.end(),
                    r.text(),
                    r.text() + " is not a reference fal reads: "
                            + r.malformation().orElseThrow(),
                    fix);
        }
        if (!spec.references().contains(kind)) {
            String category = spec.category().id();
            String fix = spec.refusalHint(kind.field())
                    .orElse(
                            spec.references().isEmpty()
                                    ? "remove it: " + category + " prompts take no @-references"
                                    : "remove it: " + category + " prompts may refer to " + words(spec));
            return new Finding(
                    Severity.ERROR,
                    field,
                    r.start(),
                    r.end(),
                    r.text(),
                    category + " takes no " + kind.field() + ", so " + r.text() + " refers to nothing",
                    fix);
        }
        if (kind == ReferenceKind.VIDEO && count == 0) {
            return new Finding(
                    Severity.ERROR,
                    field,
                    r.start(),
                    r.end(),
                    r.text(),
                    r.text() + " refers to the source video but no video_url is set",
                    "set video_url to the source video");
        }
        if (r.number() > count) {
            String have = count == 0
                    ? "no " + kind.field() + " are supplied"
                    : "only " + count + " " + kind.field() + (count == 1 ? " is" : " are") + " supplied";
            String fix = "supply " + kind.field() + "[" + (r.number() - 1) + "]"
                    + (count == 0 ? "" : " or refer to @" + kind.word() + "1…@" + kind.word() + count);
            return new Finding(
                    Severity.ERROR,
                    field,
                    r.start(),
                    r.end(),
                    r.text(),
                    r.text() + " refers to " + kind.field() + "[" + (r.number() - 1) + "] but " + have,
                    fix);
        }
        return null;
    }

    private static String words(CategorySpec spec) {
        List<String> words = new ArrayList<>();
        for (ReferenceKind k : ReferenceKind.values()) {
            if (spec.references().contains(k)) {
                words.add("@" + k.word() + "N");
            }
        }
        return String.join(", ", words);
    }
}
