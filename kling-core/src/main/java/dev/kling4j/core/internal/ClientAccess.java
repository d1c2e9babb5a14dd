package dev.kling4j.core.internal;

import dev.kling4j.core.KlingClient;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Hands kling4j's own packages the {@link ClientContext} of a {@link KlingClient}, and lets the client make its
 * services (queue, uploader, downloader, pricing client) of that context without their constructors being API
 * or the services depending on the client: each service registers its factory when its class initialises. Not
 * API; the package is not exported.
 */
public final class ClientAccess {
    private static volatile Function<KlingClient, ClientContext> accessor;
    private static final Map<Class<?>, Function<ClientContext, ?>> FACTORIES = new ConcurrentHashMap<>();

    private ClientAccess() {}

    /**
     * Called once, by {@code KlingClient}'s static initialiser.
     *
     * @param contexts reads a client's context
     */
    public static void register(Function<KlingClient, ClientContext> contexts) {
        if (accessor != null) {
            throw new IllegalStateException("the client context accessor is registered already");
        }
        accessor = Objects.requireNonNull(contexts, "contexts");
    }

    /**
     * Called once per service type, by that type's static initialiser: how a client makes one.
     *
     * @param type the service type (or its builder's)
     * @param factory makes one on a context
     * @param <T> the type
     */
    public static <T> void registerFactory(Class<T> type, Function<ClientContext, T> factory) {
        if (FACTORIES.putIfAbsent(type, Objects.requireNonNull(factory, "factory")) != null) {
            throw new IllegalStateException("the factory of " + type.getName() + " is registered already");
        }
    }

    /**
     * A service (or service builder) on a client's context.
     *
     * @param type the type, whose initialiser registers its factory
     * @param context the client's context
     * @param <T> the type
     * @return a new one
     */
    public static <T> T make(Class<T> type, ClientContext context) {
        Function<ClientContext, ?> factory = FACTORIES.get(type);
        if (factory == null) {
            try {
                Class.forName(type.getName(), true, type.getClassLoader()); // runs its registration
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("kling-core is missing " + type.getName(), e);
            }
            factory = FACTORIES.get(type);
            if (factory == null) {
                throw new IllegalStateException(type.getName() + " registers no factory");
            }
        }
        return type.cast(factory.apply(Objects.requireNonNull(context, "context")));
    }

    /**
     * The context of a client.
     *
     * @param client the client
     * @return its context
     */
    public static ClientContext of(KlingClient client) {
        Objects.requireNonNull(client, "client");
        return accessor.apply(client); // the instance exists, so KlingClient's initialiser has run
    }
}
