package dev.kling4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.ModuleReader;
import java.lang.module.ResolvedModule;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No public or protected member of an exported package of a published kling4j module names an OkHttp, okio,
 * Kotlin or Jackson type, nor a type its own module does not export (issue 19, point 3): superclasses,
 * interfaces, type parameters, fields, constructors, methods (parameters, return and exception types, with their
 * generic arguments) and nested types, walked in the modules as they resolve on the module path. One member may:
 * {@code KlingClient.Builder.okHttpClient(OkHttpClient)}, the hook for the user's own client.
 *
 * <p>It lives in kling-cli because kling-cli is the one published module that has every other one on its path.
 */
class PublicSignaturesTest {
    static final List<String> FORBIDDEN = List.of("okhttp3.", "okio.", "kotlin.", "com.fasterxml.");

    /** The one documented exception (DESIGN-19). */
    static final Set<String> ALLOWED = Set.of(
            "dev.kling4j.core.KlingClient.Builder.okHttpClient(okhttp3.OkHttpClient) names okhttp3.OkHttpClient");

    @Test
    void noExportedSignatureNamesOkHttpOkioKotlinJacksonOrAnUnexportedType() {
        ModuleLayer layer = RuntimeModules.layerWithJUnit();
        Set<String> walked = new TreeSet<>();
        Set<String> found = leaks(layer, walked::add);

        Set<String> exported = layer.modules().stream()
                .filter(m -> m.getName().startsWith("dev.kling4j."))
                .flatMap(m -> m.getDescriptor().exports().stream())
                .map(e -> e.source())
                .collect(Collectors.toSet());
        assertThat(walked.stream().map(t -> t.substring(0, t.lastIndexOf('.'))).collect(Collectors.toSet()))
                .as("every exported package walked")
                .isEqualTo(exported);

        Set<String> unexpected = new TreeSet<>(found);
        unexpected.removeAll(ALLOWED);
        assertThat(unexpected)
                .as("exported signatures naming OkHttp, okio, Kotlin, Jackson or unexported types")
                .isEmpty();
        Set<String> stale = new TreeSet<>(ALLOWED);
        stale.removeAll(found);
        assertThat(stale)
                .as("exceptions that no longer match anything: remove them")
                .isEmpty();
    }

    @Test
    void theWalkSeesEveryKindOfMemberAndGenericArgument() {
        Set<String> found = new TreeSet<>();
        check(Leaky.class, found::add);
        String leaky = Leaky.class.getCanonicalName();

        assertThat(found)
                .containsExactlyInAnyOrder(
                        leaky + " (supertype) names com.fasterxml.jackson.core.Versioned",
                        leaky + " (type parameter) names com.fasterxml.jackson.core.TreeNode",
                        leaky + ".field names com.fasterxml.jackson.databind.JsonNode",
                        leaky + "(java.util.Map) names com.fasterxml.jackson.databind.node.ObjectNode",
                        leaky + ".wildcard(java.util.List) names com.fasterxml.jackson.databind.node.ArrayNode",
                        leaky + ".array() names com.fasterxml.jackson.core.JsonToken",
                        leaky
                                + ".generic(com.fasterxml.jackson.databind.ObjectMapper) names com.fasterxml.jackson.databind.ObjectMapper",
                        leaky + ".exception() names com.fasterxml.jackson.core.JacksonException",
                        leaky + ".inherited() names com.fasterxml.jackson.core.JsonFactory",
                        leaky + ".inheritedField names com.fasterxml.jackson.core.JsonParser",
                        leaky + ".Nested.nested() names com.fasterxml.jackson.core.JsonGenerator",
                        leaky + ".Nested (supertype) names com.fasterxml.jackson.databind.JsonSerializable");
    }

    @Test
    void okHttpOkioKotlinAndJacksonAreNamedByTheirPackagesAlone() {
        assertThat(List.of(
                        "okhttp3.OkHttpClient",
                        "okhttp3.sse.EventSource",
                        "okio.BufferedSink",
                        "kotlin.Unit",
                        "kotlin.jvm.functions.Function1",
                        "com.fasterxml.jackson.databind.JsonNode"))
                .allMatch(PublicSignaturesTest::forbidden);
        assertThat(List.of("dev.kling4j.core.JsonValue", "java.util.Optional", "kotlinish.Thing", "okhttp.Other"))
                .noneMatch(PublicSignaturesTest::forbidden);
    }

    /** Every leak of every dev.kling4j module in the layer, one line each; tells {@code walked} each public type. */
    static Set<String> leaks(ModuleLayer layer, Consumer<String> walked) {
        Set<String> found = new TreeSet<>();
        for (ResolvedModule resolved : layer.configuration().modules()) {
            String name = resolved.name();
            if (!name.startsWith("dev.kling4j.")) {
                continue;
            }
            Module module = layer.findModule(name).orElseThrow();
            for (String className : classNames(resolved)) {
                try {
                    Class<?> type = Class.forName(module, className);
                    if (type != null
                            && type.getEnclosingClass() == null
                            && Modifier.isPublic(type.getModifiers())
                            && module.isExported(type.getPackageName())) {
                        walked.accept(type.getName());
                        check(type, found::add);
                    }
                } catch (LinkageError e) {
                    throw new AssertionError("cannot load " + className + " from " + name, e);
                }
            }
        }
        return found;
    }

    /** The top-level classes a module holds (nested ones are reached through their enclosing class). */
    static List<String> classNames(ResolvedModule module) {
        try (ModuleReader reader = module.reference().open();
                Stream<String> entries = reader.list()) {
            return entries.filter(e -> e.endsWith(".class")
                            && !e.contains("$")
                            && !e.endsWith("module-info.class")
                            && !e.startsWith("META-INF/"))
                    .map(e -> e.substring(0, e.length() - ".class".length()).replace('/', '.'))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reports what a visible type and its visible members and nested types name. */
    static void check(Class<?> type, Consumer<String> report) {
        String owner = type.getCanonicalName();
        List<Type> header = new ArrayList<>();
        if (type.getGenericSuperclass() != null) {
            header.add(type.getGenericSuperclass());
        }
        header.addAll(Arrays.asList(type.getGenericInterfaces()));
        report(owner + " (supertype)", header, report);
        report(owner + " (type parameter)", bounds(type.getTypeParameters()), report);
        for (Constructor<?> c : type.getDeclaredConstructors()) {
            if (visible(c)) {
                report(owner + parameters(c), signature(c, null), report);
            }
        }
        // what a superclass that is not itself public declares visibly is this type's API too
        List<Class<?>> declaring = new ArrayList<>(List.of(type));
        for (Class<?> s = type.getSuperclass();
                s != null && !Modifier.isPublic(s.getModifiers());
                s = s.getSuperclass()) {
            declaring.add(s);
        }
        Set<Method> methods = new LinkedHashSet<>();
        declaring.forEach(d -> Arrays.stream(d.getDeclaredMethods())
                .filter(m -> visible(m) && !m.isBridge())
                .forEach(methods::add));
        for (Method m : methods) {
            report(owner + "." + m.getName() + parameters(m), signature(m, m.getGenericReturnType()), report);
        }
        for (Class<?> d : declaring) {
            for (Field f : d.getDeclaredFields()) {
                if (visible(f)) {
                    report(owner + "." + f.getName(), List.of(f.getGenericType()), report);
                }
            }
        }
        for (Class<?> nested : type.getDeclaredClasses()) {
            if (visible(nested.getModifiers())) {
                check(nested, report);
            }
        }
    }

    static boolean visible(Member m) {
        return !m.isSynthetic() && visible(m.getModifiers());
    }

    static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    static String parameters(Executable e) {
        return Arrays.stream(e.getParameterTypes()).map(Class::getTypeName).collect(Collectors.joining(",", "(", ")"));
    }

    static List<Type> signature(Executable e, Type returned) {
        List<Type> types = new ArrayList<>(Arrays.asList(e.getGenericParameterTypes()));
        types.addAll(Arrays.asList(e.getGenericExceptionTypes()));
        types.addAll(bounds(e.getTypeParameters()));
        if (returned != null) {
            types.add(returned);
        }
        return types;
    }

    static List<Type> bounds(TypeVariable<?>[] variables) {
        return Arrays.stream(variables)
                .flatMap(v -> Arrays.stream(v.getBounds()))
                .toList();
    }

    static void report(String member, List<Type> types, Consumer<String> report) {
        Set<Class<?>> named = new LinkedHashSet<>();
        Set<Type> seen = new HashSet<>();
        types.forEach(t -> collect(t, named, seen));
        for (Class<?> c : named) {
            if (forbidden(c.getName())) {
                report.accept(member + " names " + c.getCanonicalName());
            } else if (c.getModule().isNamed() && !c.getModule().isExported(c.getPackageName())) {
                report.accept(member + " names " + c.getCanonicalName() + " (not exported)");
            }
        }
    }

    static boolean forbidden(String className) {
        return FORBIDDEN.stream().anyMatch(className::startsWith);
    }

    /** Every class a type names: itself or its array's element, generic arguments, owners, bounds. */
    static void collect(Type t, Set<Class<?>> into, Set<Type> seen) {
        if (!seen.add(t)) {
            return;
        }
        if (t instanceof Class<?> c) {
            while (c.isArray()) {
                c = c.getComponentType();
            }
            if (!c.isPrimitive()) {
                into.add(c);
            }
        } else if (t instanceof ParameterizedType p) {
            collect(p.getRawType(), into, seen);
            if (p.getOwnerType() != null) {
                collect(p.getOwnerType(), into, seen);
            }
            Arrays.stream(p.getActualTypeArguments()).forEach(a -> collect(a, into, seen));
        } else if (t instanceof WildcardType w) {
            Stream.concat(Arrays.stream(w.getUpperBounds()), Arrays.stream(w.getLowerBounds()))
                    .forEach(b -> collect(b, into, seen));
        } else if (t instanceof TypeVariable<?> v) {
            Arrays.stream(v.getBounds()).forEach(b -> collect(b, into, seen));
        } else if (t instanceof GenericArrayType a) {
            collect(a.getGenericComponentType(), into, seen);
        }
    }

    /** A public method and a protected field of a superclass that is not public itself. */
    abstract static class Hidden {
        protected com.fasterxml.jackson.core.JsonParser inheritedField;

        public com.fasterxml.jackson.core.JsonFactory inherited() {
            return null;
        }
    }

    /** One leak of each kind the walk must see, and members it must pass over (Jackson stands for all four). */
    @SuppressWarnings("unused")
    public abstract static class Leaky<S extends com.fasterxml.jackson.core.TreeNode> extends Hidden
            implements com.fasterxml.jackson.core.Versioned {
        public com.fasterxml.jackson.databind.JsonNode field;
        private com.fasterxml.jackson.databind.JsonNode privateField;
        com.fasterxml.jackson.databind.JsonNode packageField;

        protected Leaky(Map<String, ? extends com.fasterxml.jackson.databind.node.ObjectNode> nodes) {}

        Leaky(com.fasterxml.jackson.databind.JsonNode packagePrivate) {}

        public abstract void wildcard(List<? super com.fasterxml.jackson.databind.node.ArrayNode> arrays);

        public abstract com.fasterxml.jackson.core.JsonToken[][] array();

        public abstract <T extends com.fasterxml.jackson.databind.ObjectMapper> T generic(T value);

        public abstract void exception() throws com.fasterxml.jackson.core.JacksonException;

        abstract com.fasterxml.jackson.databind.JsonNode packagePrivate();

        private com.fasterxml.jackson.databind.JsonNode privateMethod() {
            return null;
        }

        /** A visible nested type, walked too. */
        public abstract static class Nested implements com.fasterxml.jackson.databind.JsonSerializable {
            public abstract com.fasterxml.jackson.core.JsonGenerator nested();
        }

        /** Not visible: passed over. */
        abstract static class PackagePrivate {
            public abstract com.fasterxml.jackson.databind.JsonNode node();
        }
    }
}
