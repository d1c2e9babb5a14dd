package dev.kling4j.core.catalog;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.kling4j.core.internal.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The endpoint table: the 13 Kling O3 endpoints, what each category takes, and the limits.
 *
 * <p>This is the one place kling4j learns which endpoint takes which field. It is data: {@link #standard()}
 * reads the resource {@code dev/kling4j/core/catalog/kling-o3-endpoints.json} shipped in kling-core, and
 * {@link #load(Path)} reads a file of the same format, for when fal raises a limit or adds a choice before
 * kling4j does. Request validation, the model registry and the testkit's emulator all read it; nothing else
 * hard-codes a field list. Instances are immutable and thread-safe.
 *
 * <p>File format: a JSON object with
 * <ul>
 *   <li>{@code limits}: whole numbers {@code prompt_max_length}, {@code duration_min}, {@code duration_max},
 *       {@code shot_duration_min}, {@code shot_duration_max}, {@code shots_min}, {@code shots_max},
 *       {@code shot_prompt_max_length}, {@code image_max_bytes}, {@code image_min_side_px},
 *       {@code video_max_bytes}, {@code video_min_seconds}, {@code video_max_seconds},
 *       {@code video_min_side_px}, {@code video_max_side_px}, {@code element_reference_images_min},
 *       {@code element_reference_images_max}, {@code video_min_fps}, {@code video_max_fps}; decimals
 *       {@code image_aspect_min}, {@code image_aspect_max}; lists of file extensions {@code image_formats},
 *       {@code video_formats};</li>
 *   <li>{@code categories}: one object per category ({@code id}: {@code image-to-video},
 *       {@code text-to-video}, {@code reference-to-video}, {@code video-to-video-edit},
 *       {@code video-to-video-reference}), each with {@code prompt} ({@code one_of} or {@code required}),
 *       {@code references} ({@code Element}, {@code Image}, {@code Video}), {@code fields} (each a
 *       {@code name}, a {@code type}: {@code prompt}, {@code shots}, {@code image}, {@code image_list},
 *       {@code video}, {@code duration}, {@code boolean}, {@code enum}, {@code elements} or
 *       {@code image_elements}; optional {@code required}, {@code default}, and for an enum its
 *       {@code values}), and optionally {@code max_elements_plus_images},
 *       {@code max_elements_plus_images_with_video}, {@code max_elements_with_video},
 *       {@code refused_with_video_element}, {@code requires} and {@code refusals} (objects of text);</li>
 *   <li>{@code endpoints}: each a {@code key}, {@code endpoint_id}, {@code category} and {@code tier}
 *       ({@code standard}, {@code pro}, {@code 4k});</li>
 *   <li>optionally {@code source}, a note on where the figures come from.</li>
 * </ul>
 * Start from a copy of the shipped file and change what fal changed; any other property is refused, so that
 * a misspelt limit is not silently ignored.
 *
 * <pre>{@code
 * Catalog catalog = Catalog.standard();
 * EndpointSpec pro = catalog.endpoint("kling_o3_pro_i2v").orElseThrow();
 * boolean takesElements = catalog.category(pro.category()).takes("elements"); // false
 *
 * Catalog newer = Catalog.load(Path.of("kling-o3-endpoints.json")); // fal now takes 20 s
 * TextToVideoRequest.builder().prompt("A fox").duration(20).catalog(newer).build();
 * }</pre>
 */
public final class Catalog {
    private static final String RESOURCE = "kling-o3-endpoints.json";
    private static final Catalog STANDARD = loadStandard();

    private final List<EndpointSpec> endpoints;
    private final Map<Category, CategorySpec> categories;
    private final Limits limits;

    Catalog(List<EndpointSpec> endpoints, Map<Category, CategorySpec> categories, Limits limits) {
        this.endpoints = List.copyOf(endpoints);
        this.categories = Map.copyOf(categories);
        this.limits = limits;
    }

    /**
     * The table shipped with this version of kling4j.
     *
     * @return the shared, immutable catalog
     */
    public static Catalog standard() {
        return STANDARD;
    }

    /**
     * Reads an endpoint table from a JSON file in the format of the shipped one (see the class
     * documentation): for when fal has moved on (a longer duration, a new aspect ratio) before kling4j has.
     * Requests checked against it ({@code .catalog(table)} on a request builder, or
     * {@code model.request(values, validation, table)}) take what it allows.
     *
     * @param file the file
     * @return the table
     * @throws UncheckedIOException when the file cannot be read
     * @throws IllegalArgumentException when the file is not a valid endpoint table; the message names the file,
     *     the place in it ({@code categories[1] (text-to-video).fields[3] (aspect_ratio).values}), what is wrong and
     *     what is allowed
     */
    public static Catalog load(Path file) {
        Objects.requireNonNull(file, "file");
        try (InputStream in = Files.newInputStream(file)) {
            return load(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read endpoint table " + file, e);
        }
    }

    /**
     * Reads an endpoint table from a stream of JSON in the format of the shipped one, e.g. a resource of your
     * own jar; see {@link #load(Path)}. The stream is read to its end and not closed.
     *
     * @param json the table's JSON
     * @param origin what to call it in messages, e.g. its file or resource name
     * @return the table
     * @throws UncheckedIOException when the stream cannot be read
     * @throws IllegalArgumentException when the text is not a valid endpoint table; the message names the origin
     *     and the place in it
     */
    public static Catalog load(InputStream json, String origin) {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(origin, "origin");
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new IllegalArgumentException(
                    origin + (at == null ? "" : ": line " + at.getLineNr() + ", column " + at.getColumnNr())
                            + ": is not valid JSON: " + e.getOriginalMessage(),
                    e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read endpoint table " + origin, e);
        }
        return TableReader.read(root, origin);
    }

    /**
     * All endpoints, in the table's order.
     *
     * @return an immutable list (13 endpoints in the shipped table)
     */
    public List<EndpointSpec> endpoints() {
        return endpoints;
    }

    /**
     * Finds an endpoint by model key ({@code kling_o3_pro_i2v}) or by fal endpoint id.
     *
     * @param keyOrEndpointId a model key or an endpoint id
     * @return the endpoint, or empty when the table has neither
     */
    public Optional<EndpointSpec> endpoint(String keyOrEndpointId) {
        return endpoints.stream()
                .filter(e -> e.key().equals(keyOrEndpointId) || e.endpointId().equals(keyOrEndpointId))
                .findFirst();
    }

    /**
     * What a category takes.
     *
     * @param category the category
     * @return its spec
     */
    public CategorySpec category(Category category) {
        return categories.get(category);
    }

    /**
     * The categories that take a field, for messages that say where a refused field belongs.
     *
     * @param field a wire name such as {@code elements}
     * @return the categories, in declaration order; empty when no category takes it
     */
    public List<Category> categoriesTaking(String field) {
        List<Category> taking = new ArrayList<>();
        for (Category c : Category.values()) {
            if (categories.get(c).takes(field)) {
                taking.add(c);
            }
        }
        return taking;
    }

    /**
     * The limits that apply to every endpoint.
     *
     * @return the limits
     */
    public Limits limits() {
        return limits;
    }

    private static Catalog loadStandard() {
        try (InputStream in = Catalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("kling4j is missing its endpoint table " + RESOURCE);
            }
            return load(in, RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read kling4j's endpoint table " + RESOURCE, e);
        }
    }

    @Override
    public String toString() {
        return "Catalog{" + endpoints.size() + " endpoints, " + categories.size() + " categories}";
    }
}
