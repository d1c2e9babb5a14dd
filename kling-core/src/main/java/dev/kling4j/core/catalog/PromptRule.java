package dev.kling4j.core.catalog;

/** How a category takes its prompt. */
public enum PromptRule {
    /** Exactly one of {@code prompt} and {@code multi_prompt}. */
    ONE_OF,
    /** {@code prompt} is required; there is no {@code multi_prompt}. */
    REQUIRED
}
