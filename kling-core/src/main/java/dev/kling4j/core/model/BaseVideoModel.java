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
 * <p>A category module subclasses it once and instantiates it per tier; the subclass only says how to
 * wrap a validated {@link VideoInput} into its typed request. Everything else lives here, once.
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

    /**
     * Creates the model of one endpoint.
     *
     * @param endpoint the endpoint, from {@link Catalog#endpoints()}
     */
    protected BaseVideoModel(EndpointSpec endpoint) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.spec = Catalog.standard().category(endpoint.category());
    }

    /**
     * The endpoints of a category in the table, one per tier: what a category module instantiates.
     *
     * @param category the category
     * @return its endpoints, in table order
     */
    protected static List<EndpointSpec> endpointsOf(Category category) {
        return Catalog.standard().endpoints().stream().filter(e -> e.category() == category).toList();
    }

    /**
     * The endpoint of a category and tier in the table.
     *
     * @param category the category
     * @param tier the tier
     * @return the endpoint
     * @throws IllegalStateException when the table has none
     */
    protected static EndpointSpec endpointOf(Category category, Tier tier) {
        return endpointsOf(category).stream().filter(e -> e.tier() == tier).findFirst().orElseThrow(
                () -> new IllegalStateException("the endpoint table has no " + tier + " " + category));
    }

    /**
     * Wraps a validated input into the category's typed request.
     *
     * @param validated an input that passed {@link RequestValidator}
     * @return the typed request
     */
    protected abstract R wrap(VideoInput validated);

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
     * Builds a typed request from wire-named values, with the same validation as the typed builder: for
     * config-driven callers and the CLI. Media values may be URLs, data URIs or paths; durations numbers or
     * numeric strings; {@code multi_prompt} a list of {@code {prompt, duration}}; elements maps with
     * {@code frontal_image_url}, {@code reference_image_urls}, {@code video_url}, {@code voice_id}.
     *
     * @param values the request, e.g. {@code Map.of("prompt", "a fox", "duration", 10)}
     * @return the typed request
     * @throws InvalidRequestException listing every problem, each with its field path
     */
    public final R request(Map<String, ?> values) {
        InputReader.Read read = InputReader.read(spec, values);
        List<Problem> problems = new ArrayList<>(read.problems());
        RequestValidator.problems(spec, read.input(), read.failed()).stream()
                .filter(p -> !read.failed().contains(p.field()))
                .forEach(problems::add);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return wrap(read.input());
    }

    /**
     * Builds a typed request from a JSON object of wire-named fields; see {@link #request(Map)}.
     *
     * @param json e.g. {@code {"prompt": "a fox", "duration": "10"}}
     * @return the typed request
     * @throws InvalidRequestException when the JSON is not an object, or listing every problem
     */
    public final R request(String json) {
        Map<String, Object> values;
        try {
            values = Json.mapper().readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException(List.of(new Problem("(request)", "is not a JSON object: "
                    + e.getOriginalMessage(), "give a JSON object of fal's field names, e.g. {\"prompt\": \"…\"}")));
        }
        if (values == null) {
            throw new InvalidRequestException(List.of(new Problem("(request)", "is null",
                    "give a JSON object of fal's field names")));
        }
        return request(values);
    }

    /**
     * The exact JSON body fal receives for a request, as maps and lists.
     *
     * @param request the request
     * @param urlOf the URL sent for each media (uploaded files have their storage URL)
     * @return the body
     */
    public final Map<String, Object> toWire(R request, Function<Media, String> urlOf) {
        return WireFormat.toWire(spec, request.input(), urlOf);
    }

    /**
     * The JSON body as text, for logs and dry runs. Local files are shown as the {@code file:} URI of
     * the file that would be uploaded in their place.
     *
     * @param request the request
     * @return pretty-printed JSON
     */
    public final String toJson(R request) {
        Map<String, Object> body = toWire(request, m -> m.url().orElseGet(() -> m.path()
                .map(p -> p.toUri().toString()).orElse("upload:" + m.fileName().orElse("bytes"))));
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
        return new GenerationInput() {
            @Override
            public EndpointSpec endpoint() {
                return endpoint;
            }

            @Override
            public List<MediaUse> media() {
                return WireFormat.media(spec, in);
            }

            @Override
            public Map<String, Object> toWire(Function<Media, String> urlOf) {
                return WireFormat.toWire(spec, in, urlOf);
            }

            @Override
            public OptionalInt billedSeconds() {
                return BaseVideoModel.this.billedSeconds(in);
            }

            @Override
            public boolean audio() {
                return in.get("generate_audio", Boolean.class).orElse(false);
            }

            @Override
            public boolean videoInput() {
                return in.get("elements").filter(List.class::isInstance).map(l -> ((List<?>) l).stream()
                        .anyMatch(e -> e instanceof Element el && el.video().isPresent())).orElse(false);
            }
        };
    }

    /**
     * The seconds fal bills: the requested duration; else the storyboard's total; else the length of a
     * local source video (video-to-video); else fal's default duration.
     */
    private OptionalInt billedSeconds(VideoInput in) {
        Integer duration = in.get("duration", Integer.class).orElse(null);
        if (duration != null) {
            return OptionalInt.of(duration);
        }
        Storyboard board = in.get("multi_prompt", Storyboard.class).orElse(null);
        if (board != null) {
            return OptionalInt.of(board.totalSeconds());
        }
        if (spec.takes("video_url")) {
            return in.get("video_url", Media.class).map(BilledSeconds::ofSourceVideo).orElse(OptionalInt.empty());
        }
        return spec.field("duration").flatMap(f -> f.defaultIfAbsent())
                .map(d -> OptionalInt.of(Integer.parseInt(d.toString()))).orElse(OptionalInt.empty());
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "{" + key() + ", " + endpointId() + "}";
    }
}
