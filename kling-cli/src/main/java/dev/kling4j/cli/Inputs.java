package dev.kling4j.cli;

import dev.kling4j.core.catalog.Catalog;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what the input flags point at, before anything is sent: media values (an http(s) URL or a data URI as
 * given, a {@code file:} URI or a path as an absolute local path), and prompt text from a file or stdin, as
 * UTF-8 whatever the locale. Each refusal names its flag. Stdin is read once, however often it is asked for.
 */
final class Inputs {
    private static final Pattern URL = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*)://.*", Pattern.DOTALL);

    private final CliContext ctx;
    private String stdin;

    Inputs(CliContext ctx) {
        this.ctx = ctx;
    }

    /**
     * A media value as the model reads it.
     *
     * @param flag the flag it came from, for messages
     * @param value the value given
     * @return the URL or data URI as given, or the absolute path of a local file
     */
    String media(String flag, String value) {
        if (value.regionMatches(true, 0, "data:", 0, 5)) {
            return value;
        }
        Matcher url = URL.matcher(value);
        if (url.matches()) {
            String scheme = url.group(1).toLowerCase(Locale.ROOT);
            if (scheme.equals("http") || scheme.equals("https")) {
                return value;
            }
            if (!scheme.equals("file")) {
                throw CliException.usage(flag + " " + value + ": fal fetches only http(s) URLs, not " + scheme
                        + ": give an https URL, a data: URI or a local file (download it first)");
            }
            return local(flag, value, fileUri(flag, value));
        }
        if (value.regionMatches(true, 0, "file:", 0, 5)) {
            return local(flag, value, fileUri(flag, value));
        }
        return local(flag, value, ctx.resolve(value));
    }

    private static Path fileUri(String flag, String value) {
        try {
            return Path.of(URI.create(value));
        } catch (IllegalArgumentException e) {
            throw CliException.usage(flag + " " + value + ": not a usable file: URI (" + e.getMessage()
                    + "); give the file's path instead");
        }
    }

    private static String local(String flag, String given, Path path) {
        if (Files.isDirectory(path)) {
            throw CliException.usage(flag + " " + given + ": is a folder, not a file; give " + noun(flag)
                    + " file in it (e.g. " + given.replaceAll("[/\\\\]+$", "") + "/"
                    + (flag.contains("video") ? "clip.mp4" : "photo.png") + ")");
        }
        return path.toString();
    }

    private static String noun(String flag) {
        return flag.contains("video") ? "a video" : "an image";
    }

    /**
     * The text of a file (or of stdin for {@code -}), as UTF-8, without a byte-order mark or surrounding blanks.
     *
     * @param flag the flag, for messages
     * @param value the path, or {@code -}
     * @return the text
     */
    String textFile(String flag, String value) {
        if (value.equals("-")) {
            return stdinText(flag + " -");
        }
        Path path = ctx.resolve(value);
        String shown = flag + " " + value;
        if (!Files.exists(path)) {
            throw CliException.usage(shown + ": no such file (" + path + ")");
        }
        if (Files.isDirectory(path)) {
            throw CliException.usage(shown + ": is a folder, not a file; give a text file holding the prompt");
        }
        if (!Files.isRegularFile(path)) {
            // A FIFO or a device would block or never end: read only regular files.
            throw CliException.usage(shown + ": is not a regular file; give a text file, or pipe it in with - (stdin)");
        }
        byte[] bytes;
        try {
            long size = Files.size(path);
            if (size > maxBytes()) {
                throw CliException.usage(shown + ": is " + size + " bytes, far more than a prompt can be (at most "
                        + maxChars() + " characters): check the path");
            }
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw CliException.usage(shown + ": cannot be read: " + Generation.describe(e));
        }
        return decode(shown, bytes);
    }

    /** Standard input as UTF-8 text: read once, the first time it is asked for. */
    String stdinText(String what) {
        if (stdin == null) {
            byte[] bytes;
            try {
                bytes = ctx.in().readNBytes(maxBytes() + 1);
            } catch (IOException e) {
                throw CliException.usage(what + ": stdin cannot be read: " + e.getMessage());
            }
            if (bytes.length > maxBytes()) {
                throw CliException.usage(
                        what + ": stdin holds more than a prompt can be (at most " + maxChars() + " characters)");
            }
            stdin = decode(what + " (stdin)", bytes);
        }
        return stdin;
    }

    private static String decode(String what, byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (MalformedInputException e) {
            throw CliException.usage(what + ": is not UTF-8 text (bad bytes near byte " + offset(bytes)
                    + "); save it as UTF-8 (e.g. iconv -f LATIN1 -t UTF-8)");
        } catch (CharacterCodingException e) {
            throw CliException.usage(what + ": is not UTF-8 text; save it as UTF-8");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return text.strip();
    }

    /** Where the first byte that is not UTF-8 is, counted from 0. */
    private static int offset(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CoderResult result = decoder.decode(in, CharBuffer.allocate(bytes.length + 1), true);
        return result.isError() ? in.position() : bytes.length;
    }

    /** The longest prompt the endpoint table takes, in characters (code points). */
    private static int maxChars() {
        return Catalog.standard().limits().promptMaxLength();
    }

    /** No prompt within the limit takes more bytes than this in UTF-8 (4 per code point), plus room for blanks. */
    private static int maxBytes() {
        return maxChars() * 4 + 4096;
    }
}
