package dev.kling4j.testkit;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One open SSE status stream. No thread waits on it: whoever changes the job's state writes the event,
 * so 1,000 open streams cost 1,000 sockets, not 1,000 threads.
 */
final class StatusStream {
    private final HttpExchange exchange;
    private final OutputStream out;
    final boolean logs;
    private final int dropAfter;
    private final int silentAfter;
    private final Runnable onClose;
    private int sent;
    private boolean closed;

    StatusStream(HttpExchange exchange, boolean logs, JobScript.Plan plan, Runnable onClose) {
        this.exchange = exchange;
        this.out = exchange.getResponseBody();
        this.logs = logs;
        this.dropAfter = plan.sseDropAfter();
        this.silentAfter = plan.sseSilentAfter();
        this.onClose = onClose;
    }

    /** Sends one event; returns false when the stream is (now) closed and should be forgotten. */
    synchronized boolean send(byte[] json, boolean last) {
        if (closed) {
            return false;
        }
        if (dropAfter >= 0 && sent >= dropAfter) {
            close();
            return false;
        }
        if (silentAfter >= 0 && sent >= silentAfter) {
            return true;
        }
        try {
            out.write("data: ".getBytes(StandardCharsets.US_ASCII));
            out.write(json);
            out.write("\n\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            sent++;
        } catch (IOException e) {
            close();
            return false;
        }
        if (last) {
            close();
            return false;
        }
        return true;
    }

    synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // Counted as closed before the client can see the end of the stream, so a test that read to the
        // end finds openStatusStreams() already down.
        onClose.run();
        try {
            out.close();
        } catch (IOException e) {
            // The client went away; nothing to tell it.
        }
        exchange.close();
    }
}
