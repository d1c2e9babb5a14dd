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
    private static final String USAGE = "usage: FalEmulatorMain [--port N] [--key KEY] [--retention-seconds S]";

    private FalEmulatorMain() {}

    /**
     * Starts the emulator and blocks until the JVM is asked to stop.
     *
     * @param args {@code --port N} (default 0: a free port), {@code --key K} (default: any key),
     *     {@code --retention-seconds S} (default 3600)
     * @throws InterruptedException when interrupted while running
     */
    public static void main(String[] args) throws InterruptedException {
        FalEmulator emulator;
        try {
            emulator = start(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("fal emulator: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            emulator.close();
                            stopped.countDown();
                        },
                        "fal-emulator-shutdown"));
        stopped.await();
    }

    /** Parses the options, starts the emulator and prints its URLs; the caller closes it. */
    static FalEmulator start(String[] args, PrintStream out) {
        FalEmulator.Builder builder = FalEmulator.builder();
        for (int i = 0; i < args.length; i += 2) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + option);
            }
            String value = args[i + 1];
            try {
                switch (option) {
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
                        throw new IllegalArgumentException("unknown option " + option);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " takes a whole number, was " + value, e);
            }
        }
        FalEmulator emulator = builder.start();
        out.println("fal emulator running (Ctrl-C to stop)");
        out.println("FAL_QUEUE_URL=" + emulator.queueUrl());
        out.println("FAL_REST_URL=" + emulator.restUrl());
        out.println("FAL_API_URL=" + emulator.apiUrl());
        out.println("JWKS=" + emulator.jwksUrl());
        out.flush();
        return emulator;
    }
}
