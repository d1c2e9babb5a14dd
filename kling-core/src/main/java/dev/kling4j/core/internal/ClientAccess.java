package dev.kling4j.core.internal;

import dev.kling4j.core.KlingClient;
import dev.kling4j.core.queue.QueueClient;
import java.util.Objects;
import java.util.function.Function;

/**
 * Hands kling4j's own packages the {@link ClientContext} of a {@link KlingClient}, which keeps it out of its
 * public API: the client registers the accessor when its class initialises. Not API; the package is not
 * exported.
 */
public final class ClientAccess {
    private static volatile Function<KlingClient, ClientContext> accessor;
    private static volatile Function<ClientContext, QueueClient> queues;

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
     * Called once, by {@code QueueClient}'s static initialiser: how a client makes its queue.
     *
     * @param factory makes the queue of a context
     */
    public static void registerQueues(Function<ClientContext, QueueClient> factory) {
        if (queues != null) {
            throw new IllegalStateException("the queue factory is registered already");
        }
        queues = Objects.requireNonNull(factory, "factory");
    }

    /**
     * A client's queue.
     *
     * @param context the client's context
     * @return a new queue client on it
     */
    public static QueueClient newQueue(ClientContext context) {
        if (queues == null) {
            try {
                Class.forName(QueueClient.class.getName(), true, QueueClient.class.getClassLoader()); // registers
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("kling-core is missing its QueueClient", e);
            }
        }
        return queues.apply(context);
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
