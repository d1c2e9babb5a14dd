package dev.kling4j.core.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kling4j.core.catalog.ReferenceKind;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReferencesTest {

    @Test
    void findsReferencesWithTheirPositionsKindsAndNumbers() {
        String prompt = "@Element1 hands @Image12 to @Video1";

        List<Reference> refs = References.parse(prompt);

        assertThat(refs).extracting(Reference::text).containsExactly("@Element1", "@Image12", "@Video1");
        assertThat(refs)
                .extracting(Reference::kind)
                .containsExactly(ReferenceKind.ELEMENT, ReferenceKind.IMAGE, ReferenceKind.VIDEO);
        assertThat(refs).extracting(Reference::number).containsExactly(1, 12, 1);
        assertThat(refs).allMatch(Reference::wellFormed);
        for (Reference r : refs) {
            assertThat(prompt.substring(r.start(), r.end())).isEqualTo(r.text());
        }
    }

    @ParameterizedTest(name = "{0} is malformed, suggests ''{1}''")
    @CsvSource({
        "@element1,        @Element1",
        "@IMAGE2,          @Image2",
        "@Images2,         @Image2",
        "@Element0,        @Element1",
        "@Element01,       @Element1",
        "@Video2,          @Video1",
        "@video3,          @Video1",
        "<<<image_2>>>,    @Image2",
        "@Element,         ''",
        "@Element99999999999, ''",
    })
    void readsNearMissesAsMalformedReferencesWithASuggestion(String text, String suggestion) {
        List<Reference> refs = References.parse("look at " + text + " now");

        assertThat(refs).hasSize(1);
        Reference r = refs.get(0);
        assertThat(r.text()).isEqualTo(text);
        assertThat(r.start()).isEqualTo(8);
        assertThat(r.wellFormed()).isFalse();
        assertThat(r.malformation()).isPresent();
        assertThat(r.suggestion().orElse("")).isEqualTo(suggestion);
    }

    @Test
    void ignoresOtherAtWordsAndEmailAddresses() {
        assertThat(References.parse("ask @john or write to team@Image1.studio about @Elephant5"))
                .isEmpty();
    }
}
