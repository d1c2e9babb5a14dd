package dev.kling4j.core.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.function.Predicate;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/** A MockWebServer dispatcher that answers by method and path, and records every request. */
public final class Routes extends Dispatcher {
    private final List<Route> routes = new ArrayList<>();
    private final ConcurrentLinkedQueue<RecordedRequest> requests = new ConcurrentLinkedQueue<>();
    private final Map<String, ConcurrentLinkedQueue<MockResponse>> queued = new ConcurrentHashMap<>();

    private record Route(Predicate<RecordedRequest> match, Function<RecordedRequest, MockResponse> answer) {}

    /** Answers requests whose method and path (without query) match, using the function. */
    public synchronized Routes on(String method, String path, Function<RecordedRequest, MockResponse> answer) {
        routes.add(new Route(
                r -> r.getMethod().equals(method) && r.getUrl().encodedPath().equals(path), answer));
        return this;
    }

    /** Answers matching requests with the queued responses in order, then with the last one again. */
    public Routes sequence(String method, String path, MockResponse... responses) {
        ConcurrentLinkedQueue<MockResponse> q = new ConcurrentLinkedQueue<>(List.of(responses));
        MockResponse last = responses[responses.length - 1];
        queued.put(method + " " + path, q);
        return on(method, path, r -> {
            MockResponse next = q.poll();
            return next == null ? last : next;
        });
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        requests.add(request);
        List<Route> copy;
        synchronized (this) {
            copy = List.copyOf(routes);
        }
        for (Route route : copy) {
            if (route.match().test(request)) {
                return route.answer().apply(request);
            }
        }
        return new MockResponse.Builder()
                .code(599)
                .body("no route for " + request.getRequestLine())
                .build();
    }

    /** Every request received so far, in arrival order. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** Requests with this method and path. */
    public List<RecordedRequest> requests(String method, String path) {
        return requests.stream()
                .filter(r ->
                        r.getMethod().equals(method) && r.getUrl().encodedPath().equals(path))
                .toList();
    }

    /** A JSON response. */
    public static MockResponse json(int code, String body) {
        return new MockResponse.Builder()
                .code(code)
                .setHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }

    /** An SSE response carrying one {@code data:} event per item. */
    public static MockResponse sse(String... events) {
        StringBuilder sb = new StringBuilder();
        for (String e : events) {
            sb.append("data: ").append(e).append("\n\n");
        }
        return new MockResponse.Builder()
                .setHeader("Content-Type", "text/event-stream")
                .body(sb.toString())
                .build();
    }
}
