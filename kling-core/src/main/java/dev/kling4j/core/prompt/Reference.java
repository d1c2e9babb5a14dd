package dev.kling4j.core.prompt;

import dev.kling4j.core.catalog.ReferenceKind;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code @}-reference found in a prompt, well formed ({@code @Element2}) or not ({@code @element2},
 * {@code @Element0}, {@code <<<element_2>>>}), with its position.
 *
 * <p>Positions are UTF-16 indexes into the prompt, as {@link String#substring(int, int)} takes them:
 * {@code prompt.substring(start(), end())} is {@link #text()}.
 */
public final class Reference {
    private final String text;
    private final int start;
    private final int end;
    private final ReferenceKind kind;
    private final int number;
    private final String malformation;
    private final String suggestion;

    Reference(String text, int start, int end, ReferenceKind kind, int number, String malformation, String suggestion) {
        this.text = Objects.requireNonNull(text, "text");
        this.start = start;
        this.end = end;
        this.kind = Objects.requireNonNull(kind, "kind");
        this.number = number;
        this.malformation = malformation;
        this.suggestion = suggestion;
    }

    /**
     * The reference as written, e.g. {@code @element1}.
     *
     * @return the text
     */
    public String text() {
        return text;
    }

    /**
     * Where the reference starts in the prompt.
     *
     * @return the index of its first character
     */
    public int start() {
        return start;
    }

    /**
     * Where the reference ends in the prompt.
     *
     * @return the index after its last character
     */
    public int end() {
        return end;
    }

    /**
     * What the reference points at, read leniently (so {@code @element1} is an element reference).
     *
     * @return the kind
     */
    public ReferenceKind kind() {
        return kind;
    }

    /**
     * The number written, counting from 1 ({@code @Element2} is 2, pointing at {@code elements[1]}).
     *
     * @return the number, or 0 when none was written or it does not fit an {@code int}
     */
    public int number() {
        return number;
    }

    /**
     * Whether fal will read the reference: exact spelling, a number from 1 without leading zeros, and
     * {@code @Video1} as the only video reference.
     *
     * @return true when well formed
     */
    public boolean wellFormed() {
        return malformation == null;
    }

    /**
     * What is wrong with a malformed reference.
     *
     * @return the explanation, or empty when well formed
     */
    public Optional<String> malformation() {
        return Optional.ofNullable(malformation);
    }

    /**
     * The well-formed reference the writer most likely meant, e.g. {@code @Element1} for {@code @element1}.
     *
     * @return the suggestion, or empty when well formed or when no single fix is clear
     */
    public Optional<String> suggestion() {
        return Optional.ofNullable(suggestion);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Reference)) {
            return false;
        }
        Reference r = (Reference) o;
        return text.equals(r.text)
                && start == r.start
                && end == r.end
                && kind == r.kind
                && number == r.number
                && Objects.equals(malformation, r.malformation)
                && Objects.equals(suggestion, r.suggestion);
    }

    @Override
    public int hashCode() {
        return Objects.hash(text, start, end, kind, number, malformation, suggestion);
    }

    @Override
    public String toString() {
        return text + "@" + start + ".." + end + (malformation == null ? "" : " (malformed: " + malformation + ")");
    }
}
