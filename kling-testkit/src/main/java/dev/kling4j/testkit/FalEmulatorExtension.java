package dev.kling4j.testkit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that starts one {@link FalEmulator} per test class, injects it into test methods,
 * constructors and lifecycle methods that declare a {@code FalEmulator} parameter, and closes it after the
 * class.
 *
 * <p>Before each test it calls {@link FalEmulator#reset()}: recorded requests, scripts and queued faults
 * start empty in every test (jobs and files stay).
 *
 * <pre>{@code
 * @ExtendWith(FalEmulatorExtension.class)   // or @FalEmulatorTest
 * class MyTest {
 *     @Test
 *     void generatesAVideo(FalEmulator fal) { ... }
 * }
 * }</pre>
 *
 * <p>Needs {@code junit-jupiter-api} on the test class path (kling-testkit declares it optional).
 */
// JUnit is an optional dependency of the testkit (requires static): whoever uses this extension reads JUnit already.
@SuppressWarnings("exports")
public final class FalEmulatorExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(FalEmulatorExtension.class);
    private static final String KEY = "emulator";

    /** Creates the extension; JUnit does this. */
    public FalEmulatorExtension() {}

    @Override
    public void beforeAll(ExtensionContext context) {
        emulator(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        FalEmulator running = context.getStore(NAMESPACE).remove(KEY, FalEmulator.class);
        if (running != null) {
            running.close();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        emulator(context).reset();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == FalEmulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return emulator(context);
    }

    private static FalEmulator emulator(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent()
                && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        ExtensionContext.Store store = classContext.getStore(NAMESPACE);
        synchronized (FalEmulatorExtension.class) {
            FalEmulator running = store.get(KEY, FalEmulator.class);
            if (running == null) {
                running = FalEmulator.start();
                // afterAll closes it; JUnit would also close an AutoCloseable left in the store.
                store.put(KEY, running);
            }
            return running;
        }
    }
}
