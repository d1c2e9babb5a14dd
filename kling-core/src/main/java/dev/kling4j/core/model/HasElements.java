package dev.kling4j.core.model;

import java.util.List;

/**
 * A request that takes elements ({@code elements}, {@code @Element1}, {@code @Element2}, … in its prompts):
 * full {@link Element}s on reference-to-video, {@link ImageElement}s on video-to-video.
 *
 * @param <E> the element type the category takes
 */
public interface HasElements<E> extends VideoRequest {

    /**
     * The elements, in order: the first is {@code @Element1}.
     *
     * @return an immutable list, possibly empty
     */
    @SuppressWarnings("unchecked") // the validator let only elements of the category's type in
    default List<E> elements() {
        return input().get("elements")
                .filter(List.class::isInstance)
                .map(list -> List.copyOf((List<E>) list))
                .orElse(List.of());
    }

    /**
     * The setter of the builders of such requests.
     *
     * @param <B> the builder
     * @param <E> the element type the category takes
     */
    interface Setter<B, E> extends FieldSetter<B> {

        /**
         * Adds an element; the first is {@code @Element1} in prompts.
         *
         * @param element the element
         * @return this builder
         */
        default B element(E element) {
            return add("elements", element);
        }
    }
}
