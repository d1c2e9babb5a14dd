package dev.kling4j.core.catalog;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Category specs the shipped table does not have, for tests of code paths no shipped category reaches. */
public final class TestSpecs {
    private TestSpecs() {}

    /**
     * A spec of this category taking these references, with these refusal hints and no fields.
     *
     * @param category the category it claims to be
     * @param references the @-reference kinds its prompts may use
     * @param refusals refusal hints by field
     * @return the spec
     */
    public static CategorySpec withReferences(
            Category category, Set<ReferenceKind> references, Map<String, String> refusals) {
        return new CategorySpec(
                category, PromptRule.REQUIRED, references, List.of(), null, null, null, Map.of(), Map.of(), refusals);
    }
}
