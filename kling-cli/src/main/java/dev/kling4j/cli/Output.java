package dev.kling4j.cli;

import dev.kling4j.core.error.Problem;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Where a video goes, checked before anything is uploaded: every way the download could fail on this machine
 * is found while nothing has been paid for yet.
 *
 * <ul>
 *   <li>No {@code --output}: {@code <request id>.mp4} in the current folder, which must be writable.</li>
 *   <li>{@code --output DIR} (an existing folder, or a path ending in {@code /}): {@code DIR/<request id>.mp4}.</li>
 *   <li>{@code --output FILE}: its folder must exist and be writable; an existing file is replaced only with
 *       {@code --force}.</li>
 * </ul>
 *
 * <p>The folder is proven writable by creating (and deleting) an empty file in it, which also tells the mode a
 * new file gets there (the umask's): the video is given that mode, not the 0600 of the temporary file it was
 * downloaded to.
 */
final class Output {
    static final String FLAG = "--output";

    private final Path path;
    private final boolean folder;
    private final boolean force;
    private final List<Problem> problems;
    private final Set<PosixFilePermission> mode;

    private Output(Path path, boolean folder, boolean force, List<Problem> problems, Set<PosixFilePermission> mode) {
        this.path = path;
        this.folder = folder;
        this.force = force;
        this.problems = List.copyOf(problems);
        this.mode = mode;
    }

    /** No download ({@code --no-download}, {@code --webhook}, {@code result} without {@code --output}). */
    static Output none() {
        return new Output(null, false, false, List.of(), null);
    }

    /**
     * Checks an output.
     *
     * @param ctx the context (working directory)
     * @param given the {@code --output} value, or null for the default
     * @param force whether an existing file may be replaced
     * @return the output and its problems
     */
    static Output of(CliContext ctx, String given, boolean force) {
        Path p = given == null ? ctx.workDir() : ctx.resolve(given);
        boolean folder = given == null || Files.isDirectory(p) || given.endsWith("/") || given.endsWith("\\");
        List<Problem> problems = new ArrayList<>();
        String shown = given == null ? "the current folder " + p : given;
        Path dir;
        if (folder) {
            dir = p;
            if (!Files.exists(p)) {
                problems.add(new Problem(
                        FLAG,
                        "the folder " + p + " does not exist",
                        "create it (mkdir -p " + Quote.shell(p.toString()) + ") or give an existing folder"));
            }
        } else {
            dir = p.getParent();
            if (Files.exists(p) && !Files.isRegularFile(p)) {
                problems.add(new Problem(FLAG, given + " is not a regular file", "give the path of a file to write"));
            } else if (Files.exists(p) && !force) {
                problems.add(new Problem(
                        FLAG, given + " already exists", "add --force to replace it, or give another --output"));
            }
            if (!Files.exists(dir)) {
                problems.add(new Problem(
                        FLAG,
                        "the folder " + dir + " does not exist",
                        "create it (mkdir -p " + Quote.shell(dir.toString()) + ") or choose another --output"));
            } else if (!Files.isDirectory(dir)) {
                problems.add(new Problem(FLAG, dir + " is not a folder", "choose an --output inside a folder"));
            }
        }
        Set<PosixFilePermission> mode = null;
        if (problems.isEmpty()) {
            try {
                mode = probe(dir).orElse(null);
            } catch (AccessDeniedException e) {
                problems.add(new Problem(
                        FLAG,
                        "cannot write in " + (folder ? shown : dir.toString()) + " (permission denied)",
                        "choose an --output in a folder you can write to"));
            } catch (IOException e) {
                problems.add(new Problem(
                        FLAG,
                        "cannot write in " + dir + ": " + e.getMessage(),
                        "choose an --output in a folder you can write to"));
            }
        }
        return new Output(p, folder, force, problems, mode);
    }

    /** Creates and deletes an empty file in the folder; returns the mode it was given, where there are modes. */
    private static Optional<Set<PosixFilePermission>> probe(Path dir) throws IOException {
        Path probe = dir.resolve(".kling-write-check-" + UUID.randomUUID());
        Files.createFile(probe);
        try {
            return Optional.of(Files.getPosixFilePermissions(probe));
        } catch (UnsupportedOperationException e) {
            return Optional.empty();
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    boolean downloads() {
        return path != null;
    }

    List<Problem> problems() {
        return problems;
    }

    /**
     * The problems of the output of a known request ({@code resume}, {@code result}): also an existing
     * {@code <request id>.mp4} in a folder given as {@code --output}, without {@code --force}.
     *
     * @param requestId fal's request id
     * @return the problems
     */
    List<Problem> problems(String requestId) {
        Path target = target(requestId);
        if (!folder || target == null || force || !Files.exists(target)) {
            return problems;
        }
        List<Problem> all = new ArrayList<>(problems);
        all.add(new Problem(FLAG, target + " already exists", "add --force to replace it, or give another --output"));
        return all;
    }

    boolean force() {
        return force;
    }

    /**
     * The file the video of a request is written to.
     *
     * @param requestId fal's request id
     * @return the file, or null without a download
     */
    Path target(String requestId) {
        if (path == null) {
            return null;
        }
        return folder ? path.resolve(requestId + ".mp4") : path;
    }

    /** Gives a downloaded video the mode a new file gets in its folder; quietly nothing where there are no modes. */
    void applyMode(Path file) {
        if (mode == null) {
            return;
        }
        try {
            Files.setPosixFilePermissions(file, mode);
        } catch (IOException | UnsupportedOperationException e) {
            // The video is there; its mode is a nicety.
        }
    }
}
