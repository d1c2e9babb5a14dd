package dev.kling4j.testkit;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link FalEmulator} alone until stopped (Ctrl-C), printing its base URLs.
 *
 * <pre>
 * java -cp … dev.kling4j.testkit.FalEmulatorMain [--port 8787] [--key SECRET] [--retention-seconds 3600]
 * </pre>
 */
public final class FalEmulatorMain {
    private FalEmulatorMain() {}

    /**
     * Starts the emulator and blocks until the JVM is asked to stop.
     *
     * @param args {@code --port N} (default 0: a free port), {@code --key K} (default: any key),
     *     {@code --retention-seconds S} (default 3600)
     * @throws InterruptedException when interrupted while running
     */
    public static void main(String[] args) throws InterruptedException {
        FalEmulator.Builder builder = FalEmulator.builder();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (i + 1 >= args.length) {
                usage(System.err, "missing value after " + arg);
                System.exit(2);
                return;
            }
            String value = args[++i];
            try {
                switch (arg) {
                    case "--port":
                        builder.port(Integer.parseInt(value));
                        break;
                    case "--key":
                        builder.apiKey(value);
                        break;
                    case "--retention-seconds":
                        builder.retention(Duration.ofSeconds(Long.parseLong(value)));
                        break;
                    default:
                        usage(System.err, "unknown option " + arg);
                        System.exit(2);
                        return;
                }
            } catch (IllegalArgumentException e) {
                usage(System.err, arg + ": " + e.getMessage());
                System.exit(2);
                return;
            }
        }
        FalEmulator emulator = builder.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "fal-emulator-shutdown"));
        System.out.println("fal emulator running (Ctrl-C to stop)");
        System.out.println("FAL_QUEUE_URL=" + emulator.queueUrl());
        System.out.println("FAL_REST_URL=" + emulator.restUrl());
        System.out.println("FAL_API_URL=" + emulator.apiUrl());
        System.out.println("JWKS=" + emulator.jwksUrl());
        System.out.flush();
        stopped.await();
    }

    private static void usage(PrintStream out, String problem) {
        out.println("fal emulator: " + problem);
        out.println("usage: FalEmulatorMain [--port N] [--key KEY] [--retention-seconds S]");
    }
}
