package dev.kling4j.cli;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The published jars as a user's module path holds them: kling-cli's own classes and its runtime dependencies
 * (the list kling-cli's build writes to {@code target/runtime-classpath.txt}), nothing of the test class path.
 */
final class RuntimeModules {
    /** The root module: the program, which reaches every other published module (the model modules as services). */
    static final String CLI = "dev.kling4j.cli";

    private RuntimeModules() {}

    /** kling-cli's build folder ({@code kling-cli/target}). */
    static Path target() {
        return jarOf(Main.class).getParent();
    }

    /** kling-cli's classes folder, then each runtime dependency, as the build lists them. */
    static List<Path> modulePath() {
        try {
            Path classes = jarOf(Main.class);
            Path listing = target().resolve("runtime-classpath.txt");
            List<Path> path = new ArrayList<>(List.of(classes));
            for (String entry : Files.readString(listing).trim().split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    path.add(Path.of(entry));
                }
            }
            return List.copyOf(path);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "kling-cli's build writes target/runtime-classpath.txt (generate-test-resources)", e);
        }
    }

    /** {@link #modulePath()} joined for {@code java -p}. */
    static String modulePathArgument() {
        return String.join(
                File.pathSeparator, modulePath().stream().map(Path::toString).toList());
    }

    /**
     * The program resolved on that module path in a layer of its own, with service binding as {@code java -m}
     * does it: the model modules are in the layer only because they provide {@code ModelProvider}.
     */
    static ModuleLayer layer() {
        return layer(ModuleFinder.of());
    }

    /**
     * {@link #layer()} with JUnit's API in it as well, as in a user's tests: the testkit requires it
     * {@code static} (for its JUnit extension only), so it is not among the runtime dependencies.
     */
    static ModuleLayer layerWithJUnit() {
        Set<String> junit =
                Set.of("org.junit.jupiter.api", "org.junit.platform.commons", "org.opentest4j", "org.apiguardian.api");
        Path[] jars = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> e.endsWith(".jar"))
                .map(Path::of)
                .filter(jar -> moduleName(jar).filter(junit::contains).isPresent())
                .toArray(Path[]::new);
        return layer(ModuleFinder.of(jars));
    }

    private static Optional<String> moduleName(Path jar) {
        try {
            return ModuleFinder.of(jar).findAll().stream()
                    .findFirst()
                    .map(m -> m.descriptor().name());
        } catch (FindException e) {
            return Optional.empty(); // not every test jar makes a module, and these tests need only JUnit's
        }
    }

    private static ModuleLayer layer(ModuleFinder optional) {
        Set<String> roots = new HashSet<>(Set.of(CLI));
        optional.findAll().forEach(m -> roots.add(m.descriptor().name()));
        ModuleLayer boot = ModuleLayer.boot();
        Configuration cf = boot.configuration()
                .resolveAndBind(ModuleFinder.of(modulePath().toArray(Path[]::new)), optional, roots);
        return boot.defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());
    }

    private static Path jarOf(Class<?> type) {
        try {
            return Path.of(
                    type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
