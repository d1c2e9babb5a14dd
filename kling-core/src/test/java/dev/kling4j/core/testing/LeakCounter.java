package dev.kling4j.core.testing;

import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;

/** An application interceptor that counts response bodies opened and closed, to find leaks. */
public final class LeakCounter implements Interceptor {
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();

    @Override
    public Response intercept(Chain chain) throws java.io.IOException {
        Response r = chain.proceed(chain.request());
        ResponseBody body = r.body();
        opened.incrementAndGet();
        ResponseBody counted = closeCounted(body, closed::incrementAndGet);
        return r.newBuilder().body(counted).build();
    }

    /** The body, calling {@code onFirstClose} the first time it is closed. */
    public static ResponseBody closeCounted(ResponseBody body, Runnable onFirstClose) {
        AtomicInteger once = new AtomicInteger();
        BufferedSource source = Okio.buffer(new ForwardingSource(body.source()) {
            @Override
            public void close() throws java.io.IOException {
                if (once.getAndIncrement() == 0) {
                    onFirstClose.run();
                }
                super.close();
            }
        });
        return new ResponseBody() {
            @Override
            public MediaType contentType() {
                return body.contentType();
            }

            @Override
            public long contentLength() {
                return body.contentLength();
            }

            @Override
            public BufferedSource source() {
                return source;
            }
        };
    }

    public int opened() {
        return opened.get();
    }

    public int open() {
        return opened.get() - closed.get();
    }
}
