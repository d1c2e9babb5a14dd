package dev.kling4j.core.media;

import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An input image or video, accepted anywhere fal takes a URL (elements included).
 *
 * <p>Four forms, one type:
 * <ul>
 *   <li>{@link #url(String)}: an {@code http(s)} URL fal can fetch; sent as it is.
 *   <li>{@link #dataUri(String)}: a {@code data:<mime>;base64,…} URI; sent inline as it is (keep it small).
 *   <li>{@link #file(Path)}: a local file; checked, then uploaded to fal storage before the submit.
 *   <li>{@link #bytes(byte[], String, String)}: bytes in memory; uploaded like a file.
 * </ul>
 * {@link #parse(String)} picks the form from a string, as config files and the CLI need.
 * Instances are immutable; two {@code Media} of the same file are equal, so a request that uses one file
 * twice uploads it once.
 */
public final class Media {

    /** The form a {@link Media} takes. */
    public enum Kind {
        /** A remote URL, sent as it is. */
        URL,
        /** An inline {@code data:} URI, sent as it is. */
        DATA_URI,
        /** A local file, uploaded before the submit. */
        FILE,
        /** Bytes in memory, uploaded before the submit. */
        BYTES
    }

    private final Kind kind;
    private final String url;
    private final Path path;
    private final byte[] bytes;
    private final String contentType;
    private final String fileName;

    private Media(Kind kind, String url, Path path, byte[] bytes, String contentType, String fileName) {
        this.kind = kind;
        this.url = url;
        this.path = path;
        this.bytes = bytes;
        this.contentType = contentType;
        this.fileName = fileName;
    }

    /**
     * A remote file fal fetches itself.
     *
     * @param url an absolute {@code http} or {@code https} URL
     * @return the media
     * @throws IllegalArgumentException when the URL is not absolute http(s)
     */
    public static Media url(String url) {
        Objects.requireNonNull(url, "url");
        String scheme = schemeOf(url);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("not an http(s) URL: '" + url
                    + "'; use Media.file(Path) for a local file or Media.dataUri for data:");
        }
        return new Media(Kind.URL, url, null, null, null, null);
    }

    /**
     * An inline {@code data:} URI, sent to fal as it is (about 4/3 the size of the file: keep it small).
     *
     * @param dataUri a URI starting with {@code data:}
     * @return the media
     * @throws IllegalArgumentException when the string is not a data URI
     */
    public static Media dataUri(String dataUri) {
        Objects.requireNonNull(dataUri, "dataUri");
        if (!dataUri.regionMatches(true, 0, "data:", 0, 5) || dataUri.indexOf(',') < 0) {
            throw new IllegalArgumentException(
                    "not a data URI (data:<mime>;base64,<data>): '" + abbreviate(dataUri) + "'");
        }
        int semi = dataUri.indexOf(';');
        int comma = dataUri.indexOf(',');
        String mime = dataUri.substring(5, semi > 0 && semi < comma ? semi : comma);
        return new Media(Kind.DATA_URI, dataUri, null, null, mime.isEmpty() ? null : mime, null);
    }

    /**
     * A local file, checked and uploaded to fal storage before the submit. The file is read when the
     * request runs, not now.
     *
     * @param path the file
     * @return the media
     */
    public static Media file(Path path) {
        Objects.requireNonNull(path, "path");
        Path normalized = path.toAbsolutePath().normalize();
        return new Media(
                Kind.FILE,
                null,
                normalized,
                null,
                null,
                normalized.getFileName().toString());
    }

    /**
     * Bytes in memory, uploaded to fal storage before the submit.
     *
     * @param bytes the content; copied
     * @param contentType its MIME type, e.g. {@code image/png}
     * @param fileName a file name for storage, e.g. {@code hero.png}
     * @return the media
     */
    public static Media bytes(byte[] bytes, String contentType, String fileName) {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(fileName, "fileName");
        return new Media(Kind.BYTES, null, null, bytes.clone(), contentType, fileName);
    }

    /**
     * Reads the form from a string: {@code http(s)://…} is a URL, {@code data:…} a data URI, anything
     * else a local path.
     *
     * @param value a URL, a data URI or a path
     * @return the media
     */
    public static Media parse(String value) {
        Objects.requireNonNull(value, "value");
        String scheme = schemeOf(value);
        if (scheme.equals("http") || scheme.equals("https")) {
            return url(value);
        }
        if (scheme.equals("data")) {
            return dataUri(value);
        }
        if (scheme.equals("file")) {
            return file(Path.of(URI.create(value)));
        }
        return file(Path.of(value));
    }

    /**
     * Which form this is.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * Whether this media must be uploaded before it can be sent.
     *
     * @return true for files and bytes
     */
    public boolean needsUpload() {
        return kind == Kind.FILE || kind == Kind.BYTES;
    }

    /**
     * The URL or data URI sent as it is.
     *
     * @return the URL, or empty for files and bytes
     */
    public Optional<String> url() {
        return Optional.ofNullable(url);
    }

    /**
     * The local file.
     *
     * @return the path (absolute, normalized), or empty unless {@link Kind#FILE}
     */
    public Optional<Path> path() {
        return Optional.ofNullable(path);
    }

    /**
     * The bytes in memory.
     *
     * @return a copy, or empty unless {@link Kind#BYTES}
     */
    public Optional<byte[]> bytes() {
        return bytes == null ? Optional.empty() : Optional.of(bytes.clone());
    }

    /**
     * The declared MIME type: given for bytes, read from a data URI.
     *
     * @return the type, or empty when it has to be found from the file
     */
    public Optional<String> contentType() {
        return Optional.ofNullable(contentType);
    }

    /**
     * The file name: the path's last segment, or the name given with bytes.
     *
     * @return the name, or empty for URLs
     */
    public Optional<String> fileName() {
        return Optional.ofNullable(fileName);
    }

    /**
     * The lower-case extension of the URL path or file name, e.g. {@code png}.
     *
     * @return the extension, or empty when there is none
     */
    public Optional<String> extension() {
        String name = fileName;
        if (name == null && kind == Kind.URL) {
            String p = URI.create(url.replace(" ", "%20")).getPath();
            name = p == null ? "" : p.substring(p.lastIndexOf('/') + 1);
        }
        if (name == null) {
            return Optional.empty();
        }
        int dot = name.lastIndexOf('.');
        return dot < 0 || dot == name.length() - 1
                ? Optional.empty()
                : Optional.of(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * A short description for messages: the URL, path or name, never the content.
     *
     * @return the description
     */
    public String describe() {
        return switch (kind) {
            case URL -> url;
            case DATA_URI -> abbreviate(url);
            case FILE -> path.toString();
            case BYTES -> fileName + " (" + bytes.length + " bytes in memory)";
        };
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Media)) {
            return false;
        }
        Media m = (Media) o;
        return kind == m.kind
                && Objects.equals(url, m.url)
                && Objects.equals(path, m.path)
                && Arrays.equals(bytes, m.bytes)
                && Objects.equals(contentType, m.contentType)
                && Objects.equals(fileName, m.fileName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, url, path, Arrays.hashCode(bytes), contentType, fileName);
    }

    @Override
    public String toString() {
        return "Media{" + kind + ", " + describe() + "}";
    }

    private static String schemeOf(String value) {
        int colon = value.indexOf(':');
        if (colon < 2) { // "C:\..." on Windows is a drive letter, not a scheme
            return "";
        }
        String scheme = value.substring(0, colon);
        return scheme.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '+' || c == '.' || c == '-')
                ? scheme.toLowerCase(Locale.ROOT)
                : "";
    }

    private static String abbreviate(String s) {
        return s.length() <= 48 ? s : s.substring(0, 40) + "…(" + s.length() + " chars)";
    }
}
