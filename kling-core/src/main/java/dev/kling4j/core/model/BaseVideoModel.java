package dev.kling4j.core.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.kling4j.core.catalog.Catalog;
import dev.kling4j.core.catalog.Category;
import dev.kling4j.core.catalog.CategorySpec;
import dev.kling4j.core.catalog.EndpointSpec;
import dev.kling4j.core.catalog.Tier;
import dev.kling4j.core.error.InvalidRequestException;
import dev.kling4j.core.error.Problem;
import dev.kling4j.core.internal.json.Json;
import dev.kling4j.core.media.Media;
import dev.kling4j.core.pricing.BilledSeconds;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * One Kling O3 endpoint as a typed model: its key, endpoint id, category and tier, the fields it takes
 * (from the endpoint table), how its requests are read from wire names, and its wire format. It runs
 * nothing itself: a {@code KlingClient} runs it (validate → estimate → upload local media → submit → wait →
 * result), so that the model stays a plain, shared constant.
 *
 * <p>A category module subclasses it once and instantiates it per tier; the subclass only names its
 * category and its typed request's constructor. Everything else lives here, once.
 *
 * <pre>{@code
 * VideoResult result = client.generate(ImageToVideo.PRO, ImageToVideoRequest.builder()
 *         .image(Media.file(Path.of("hero.png")))
 *         .prompt("The hero walks towards the camera")
 *         .duration(10)
 *         .audio(true)
 *         .build());
 * result.downloadTo(Path.of("walk.mp4"));
 * }</pre>
 *
 * @param <R> the category's typed request
 */
public abstract class BaseVideoModel<R extends VideoRequest> {
    private final EndpointSpec endpoint;
    private final CategorySpec spec;
    private final Function<ValidatedInput, R> create;

    /**
     * Creates the model of one endpoint of the shipped table.
     *
     * @param category the category
     * @param tier the tier
     * @param create makes the category's typed request of a validated input (its constructor)
     * @throws IllegalStateException when the table has no such endpoint
     */
    protected BaseVideoModel(Category category, Tier tier, Function<ValidatedInput, R> create) {
        this(endpointOf(category, tier), create);
    }

    /**
     * Creates the model of one endpoint.
     *
     * @param endpoint the endpoint, from {@link Catalog#endpoints()}
     * @param create makes the category's typed request of a validated input (its constructor)
     */
    protected BaseVideoModel(EndpointSpec endpoint, Function<ValidatedInput, R> create) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.spec = Catalog.standard().category(endpoint.category());
        this.create = Objects.requireNonNull(create, "create");
    }

    private static EndpointSpec endpointOf(Category category, Tier tier) {
        return Catalog.standard().endpoints().stream()
                .filter(e -> e.category() == category && e.tier() == tier)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the endpoint table has no " + tier + " " + category));
    }

    /**
     * The model key, e.g. {@code kling_o3_pro_i2v}.
     *
     * @return the key
     */
    public final String key() {
        return endpoint.key();
    }

    /**
     * fal's endpoint id, e.g. {@code fal-ai/kling-video/o3/pro/image-to-video}.
     *
     * @return the id
     */
    public final String endpointId() {
        return endpoint.endpointId();
    }

    /**
     * The category.
     *
     * @return the category
     */
    public final Category category() {
        return endpoint.category();
    }

    /**
     * The tier.
     *
     * @return the tier
     */
    public final Tier tier() {
        return endpoint.tier();
    }

    /**
     * The endpoint as the table describes it.
     *
     * @return the endpoint
     */
    public final EndpointSpec endpoint() {
        return endpoint;
    }

    /**
     * The fields this model takes, with types, defaults and limits.
     *
     * @return the category's spec
     */
    public final CategorySpec fields() {
        return spec;
    }

    /**
     * Builds a typed request from wire-named values, with the same strict validation as the typed builder:
     * for config-driven callers and the CLI. Media values may be URLs, data URIs or paths; durations numbers or
     * numeric strings; {@code multi_prompt} a list of {@code {prompt, duration}}; elements maps with
     * {@code frontal_image_url}, {@code reference_image_urls}, {@code video_url}, {@code voice_id}.
     *
     * @param values the request, e.g. {@code Map.of("prompt", "a fox", "duration", 10)}
     * @return the typed request
     * @throws InvalidRequestException listing every problem, each with its field path
     */
    public final R request(Map<String, ?> values) {
        return request(values, Validation.STRICT);
    }

    /**
     * Builds a typed request from wire-named values, checked against the shipped endpoint table in a mode;
     * see {@link #request(Map)}.
     *
     * @param values the request
     * @param validation {@link Validation#LENIENT} to keep values past the table as warnings
     * @return the typed request, with its {@link VideoRequest#warnings()}
     * @throws InvalidRequestException listing every error, each with its field path
     */
    public final R request(Map<String, ?> values, Validation validation) {
        return request(values, validation, Catalog.standard());
    }

    /**
     * Builds a typed request from wire-named values, checked against an endpoint table in a mode; see
     * {@link #request(Map)}. The table's field types also convert the values and shape the wire body.
     *
     * @param values the request
     * @param validation how strictly
     * @param catalog the endpoint table, e.g. one read with {@link Catalog#load(java.nio.file.Path)}
     * @return the typed request, with its {@link VideoRequest#warnings()}
     * @throws InvalidRequestException listing every error, each with its field path
     */
    public final R request(Map<String, ?> values, Validation validation, Catalog catalog) {
        CategorySpec checked = catalog.category(category());
        InputReader.Read read = InputReader.read(checked, values);
        RequestValidator.Report report =
                RequestValidator.validate(catalog, checked, read.input(), read.failed(), validation);
        List<Problem> problems = new ArrayList<>(read.problems());
        report.errors().stream().filter(p -> !read.failed().contains(p.field())).forEach(problems::add);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return create.apply(new ValidatedInput(read.input(), catalog, category(), validation, report.warnings()));
    }

    /**
     * Builds a typed request from a JSON object of wire-named fields; see {@link #request(Map)}.
     *
     * @param json e.g. {@code {"prompt": "a fox", "duration": "10"}}
     * @return the typed request
     * @throws InvalidRequestException when the JSON is not an object, or listing every problem
     */
    public final R request(String json) {
        return request(json, Validation.STRICT);
    }

    /**
     * Builds a typed request from a JSON object of wire-named fields in a mode; see
     * {@link #request(Map, Validation)}.
     *
     * @param json e.g. {@code {"prompt": "a fox", "duration": "20"}}
     * @param validation how strictly
     * @return the typed request, with its {@link VideoRequest#warnings()}
     * @throws InvalidRequestException when the JSON is not an object, or listing every error
     */
    public final R request(String json, Validation validation) {
        return request(json, validation, Catalog.standard());
    }

    /**
     * Builds a typed request from a JSON object of wire-named fields, checked against an endpoint table in a
     * mode; see {@link #request(Map, Validation, Catalog)}.
     *
     * @param json e.g. {@code {"prompt": "a fox", "duration": "20"}}
     * @param validation how strictly
     * @param catalog the endpoint table
     * @return the typed request, with its {@link VideoRequest#warnings()}
     * @throws InvalidRequestException when the JSON is not an object, or listing every error
     */
    public final R request(String json, Validation validation, Catalog catalog) {
        Map<String, Object> values;
        try {
            values = Json.mapper().readValue(json, new TypeReference<Map<String, Object>>() {});
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException(List.of(new Problem(
                    "(request)",
                    "is not a JSON object: " + e.getOriginalMessage(),
                    "give a JSON object of fal's field names, e.g. {\"prompt\": \"…\"}")));
        }
        if (values == null) {
            throw new InvalidRequestException(
                    List.of(new Problem("(request)", "is null", "give a JSON object of fal's field names")));
        }
        return request(values, validation, catalog);
    }

    /**
     * The exact JSON body fal receives for a request, as maps and lists: each field as the request's endpoint
     * table types it, then the extra body properties (which win over a field of the same name).
     *
     * @param request the request
     * @param urlOf the URL sent for each media (uploaded files have their storage URL)
     * @return the body
     */
    public final Map<String, Object> toWire(R request, Function<Media, String> urlOf) {
        return WireFormat.toWire(request.catalog().category(category()), request.input(), urlOf);
    }

    /**
     * The JSON body as text, for logs and dry runs. Local files are shown as the {@code file:} URI of
     * the file that would be uploaded in their place.
     *
     * @param request the request
     * @return pretty-printed JSON
     */
    public final String toJson(R request) {
        Map<String, Object> body = toWire(
                request,
                m -> m.url()
                        .orElseGet(() -> m.path()
                                .map(p -> p.toUri().toString())
                                .orElse("upload:" + m.fileName().orElse("bytes"))));
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What a client needs of a request to run it: the media it uses with their roles and field paths, its
     * wire body, its billed seconds, whether it asks for audio, whether an element carries a video. A view,
     * not a way to run it: run it with {@code KlingClient.generate(model, request)}.
     *
     * @param request the request
     * @return the generation input
     */
    public final GenerationInput input(R request) {
        VideoInput in = request.input();
        // The request's own table: a request read against a loaded table is run, priced and sent by it.
        CategorySpec table = request.catalog().category(category());
        return new GenerationInput() {
            @Override
            public EndpointSpec endpoint() {
                return endpoint;
            }

            @Override
            public List<MediaUse> media() {
                return WireFormat.media(table, in);
            }

            @Override
            public Map<String, Object> toWire(Function<Media, String> urlOf) {
                return WireFormat.toWire(table, in, urlOf);
            }

            @Override
            public OptionalInt billedSeconds() {
                return BaseVideoModel.billedSeconds(table, in);
            }

            @Override
            public boolean audio() {
                // An extra body value wins on the wire, so it decides the price tier too.
                Object extra = in.extraBody().get("generate_audio");
                if (extra instanceof Boolean b) {
                    return b;
                }
                return in.get("generate_audio", Boolean.class).orElse(false);
            }

            @Override
            public boolean videoInput() {
                return in.get("elements")
                        .filter(List.class::isInstance)
                        .map(l -> ((List<?>) l)
                                .stream()
                                        .anyMatch(e -> e instanceof Element el
                                                && el.video().isPresent()))
                        .orElse(false);
            }
        };
    }

    /**
     * The seconds fal bills: the duration sent (an extra body {@code duration} overrides the field; one that
     * is not a whole number leaves the cost unknown rather than guessed); else the storyboard's total; else the
     * length of a local source video (video-to-video); else fal's default duration.
     */
    private static OptionalInt billedSeconds(CategorySpec spec, VideoInput in) {
        Object extra = in.extraBody().get("duration");
        if (extra != null) {
            return wholeSeconds(extra);
        }
        Integer duration = in.get("duration", Integer.class).orElse(null);
        if (duration != null) {
            return OptionalInt.of(duration);
        }
        Storyboard board = in.get("multi_prompt", Storyboard.class).orElse(null);
        if (board != null) {
            return OptionalInt.of(board.totalSeconds());
        }
        if (spec.takes("video_url")) {
            return in.get("video_url", Media.class)
                    .map(BilledSeconds::ofSourceVideo)
                    .orElse(OptionalInt.empty());
        }
        return spec.field("duration")
                .flatMap(f -> f.defaultIfAbsent())
                .map(d -> OptionalInt.of(Integer.parseInt(d.toString())))
                .orElse(OptionalInt.empty());
    }

    private static OptionalInt wholeSeconds(Object value) {
        try {
            int seconds = new BigDecimal(value.toString().trim()).intValueExact();
            return seconds < 0 ? OptionalInt.empty() : OptionalInt.of(seconds);
        } catch (ArithmeticException | NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "{" + key() + ", " + endpointId() + "}";
    }
}
