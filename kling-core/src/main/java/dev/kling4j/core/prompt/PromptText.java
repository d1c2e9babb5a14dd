package dev.kling4j.core.prompt;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A prompt and the field path it came from, for the {@link ReferenceLinter}.
 *
 * @param field {@code prompt} or {@code multi_prompt[i].prompt}
 * @param text the prompt text
 */
public record PromptText(String field, String text) {

    /**
     * Validates the components.
     *
     * @param field {@code prompt} or {@code multi_prompt[i].prompt}
     * @param text the prompt text
     */
    public PromptText {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(text, "text");
    }

    /**
     * A prompt's length as fal counts it: in characters (Unicode code points), so that an emoji, which Java
     * stores as two {@code char}s, counts once.
     *
     * @param text a prompt
     * @return its number of code points
     */
    public static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    /**
     * The single {@code prompt} of a request.
     *
     * @param text the prompt
     * @return a list of one, with field path {@code prompt}
     */
    public static List<PromptText> prompt(String text) {
        return List.of(new PromptText("prompt", text));
    }

    /**
     * The shots of a {@code multi_prompt}, even when there is only one.
     *
     * @param shots the shot prompts, in order
     * @return one entry per shot, with field paths {@code multi_prompt[i].prompt}
     */
    public static List<PromptText> shots(List<String> shots) {
        List<PromptText> out = new ArrayList<>(shots.size());
        for (int i = 0; i < shots.size(); i++) {
            out.add(new PromptText("multi_prompt[" + i + "].prompt", shots.get(i)));
        }
        return List.copyOf(out);
    }
}
