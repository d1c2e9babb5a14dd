package dev.kling4j.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that runs against a {@link FalEmulator}: shorthand for
 * {@code @ExtendWith(FalEmulatorExtension.class)}. Declare a {@code FalEmulator} parameter to get it.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(FalEmulatorExtension.class)
// JUnit is an optional dependency of the testkit (requires static): whoever uses this annotation reads JUnit already.
@SuppressWarnings("exports")
public @interface FalEmulatorTest {}
