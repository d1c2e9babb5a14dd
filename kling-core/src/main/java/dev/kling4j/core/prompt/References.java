package dev.kling4j.core.prompt;

import dev.kling4j.core.catalog.ReferenceKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the {@code @}-references in a prompt: {@code @Element1} ({@code elements[0]}), {@code @Image1}
 * ({@code image_urls[0]}) and {@code @Video1} (the source video), and the near misses a writer makes.
 *
 * <p>Near misses are returned as malformed references: another capitalisation ({@code @element1}), a
 * plural ({@code @Images1}), no number ({@code @Element}), 0 ({@code @Element0}), leading zeros
 * ({@code @Element01}), a second video ({@code @Video2}), and Kling's native syntax
 * ({@code <<<element_1>>>}). Other {@code @} words ({@code @john}, e-mail addresses) are not references.
 *
 * <pre>{@code
 * List<Reference> refs = References.parse("@Element1 hands @image2 a cup");
 * refs.get(1).suggestion(); // Optional[@Image2]
 * }</pre>
 */
public final class References {
    private static final Pattern AT = Pattern.compile("@([A-Za-z]+)(\\d*)");
    private static final Pattern NATIVE =
            Pattern.compile("<<<(element|image|video)_(\\d+)>>>", Pattern.CASE_INSENSITIVE);
    private static final int MAX_DIGITS = 9; // fits an int

    private References() {}

    /**
     * Finds every reference and near miss in a prompt, in order of position.
     *
     * @param prompt the prompt text
     * @return the references, possibly empty
     */
    public static List<Reference> parse(String prompt) {
        Objects.requireNonNull(prompt, "prompt");
        List<Reference> found = new ArrayList<>();
        Matcher m = AT.matcher(prompt);
        while (m.find()) {
            if (m.start() > 0 && Character.isLetterOrDigit(prompt.charAt(m.start() - 1))) {
                continue; // user@Image1.com is an address, not a reference
            }
            ReferenceKind kind = kindOf(m.group(1));
            if (kind != null) {
                found.add(atReference(m.group(), m.start(), m.end(), kind, m.group(1), m.group(2)));
            }
        }
        Matcher n = NATIVE.matcher(prompt);
        while (n.find()) {
            ReferenceKind kind = kindOf(n.group(1));
            int number = number(n.group(2));
            String canonical = number > 0 ? "@" + kind.word() + number : null;
            found.add(new Reference(
                    n.group(),
                    n.start(),
                    n.end(),
                    kind,
                    number,
                    "Kling's native syntax; fal's prompts write "
                            + (canonical == null ? "@" + kind.word() + "N" : canonical),
                    canonical));
        }
        found.sort(Comparator.comparingInt(Reference::start));
        return List.copyOf(found);
    }

    private static Reference atReference(
            String text, int start, int end, ReferenceKind kind, String word, String digits) {
        int number = number(digits);
        String canonicalNumber = number > 0 ? Integer.toString(number) : null;
        String canonical = canonicalNumber == null ? null : "@" + kind.word() + canonicalNumber;
        String problem = null;
        String suggestion = canonical;
        if (digits.isEmpty()) {
            problem = "no number: write @" + kind.word() + "1 for " + kind.field() + "[0], @" + kind.word() + "2 for "
                    + kind.field() + "[1], …";
        } else if (number == 0 && digits.chars().allMatch(c -> c == '0')) {
            problem = "numbering starts at 1: @" + kind.word() + "1 is " + kind.field() + "[0]";
            suggestion = "@" + kind.word() + "1";
        } else if (number == 0) {
            problem = "the number " + digits + " is too large";
        } else if (digits.charAt(0) == '0') {
            problem = "leading zeros are not read: write " + canonical;
        } else if (kind == ReferenceKind.VIDEO && number != 1) {
            problem = "a request has one source video, @Video1";
            suggestion = "@Video1";
        } else if (!word.equals(kind.word())) {
            problem = "fal reads references spelled exactly " + canonical;
        }
        if (problem == null) {
            suggestion = null;
        }
        return new Reference(text, start, end, kind, number, problem, suggestion);
    }

    private static ReferenceKind kindOf(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        for (ReferenceKind k : ReferenceKind.values()) {
            String exact = k.word().toLowerCase(Locale.ROOT);
            if (w.equals(exact) || w.equals(exact + "s")) {
                return k;
            }
        }
        return null;
    }

    private static int number(String digits) {
        if (digits.isEmpty()) {
            return 0;
        }
        String significant = digits.replaceFirst("^0+(?=.)", "");
        return significant.length() > MAX_DIGITS ? 0 : Integer.parseInt(significant);
    }
}
