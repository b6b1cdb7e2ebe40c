package org.sysvipc;

import java.util.List;
import java.util.Optional;
import org.sysvipc.internal.Platform;

/**
 * Whether this module can be used in this JVM, and if not why, asked beforehand and without
 * throwing. It can when the JVM runs on a platform the module has native bindings for
 * ({@link #supportedPlatforms()}: Linux on x86_64 and on aarch64) and native access is enabled for
 * the module ({@code --enable-native-access=org.sysvipc} on the module path,
 * {@code --enable-native-access=ALL-UNNAMED} on the class path). Elsewhere the first use of the
 * module throws an {@link UnsatisfiedLinkError} whose message is {@link #unavailabilityReason()}.
 *
 * {@snippet :
 * if (IpcSupport.isAvailable()) {
 *     queue = MessageQueue.open(key, OpenMode.CREATE, 0600);
 * } else {
 *     log.warning("no System V IPC here: " + IpcSupport.unavailabilityReason().orElseThrow());
 * }
 * }
 */
public final class IpcSupport {
    private IpcSupport() {
    }

    /**
     * {@return whether this JVM can use the module}
     */
    public static boolean isAvailable() {
        return Platform.unavailabilityReason() == null;
    }

    /**
     * {@return why this JVM cannot use the module, or empty if it can} The reason names the
     * platform the JVM runs on and those the module supports, or the command-line flag that
     * enables native access for the module.
     */
    public static Optional<String> unavailabilityReason() {
        return Optional.ofNullable(Platform.unavailabilityReason());
    }

    /**
     * Throws unless this JVM can use the module.
     *
     * @throws UnsatisfiedLinkError with {@link #unavailabilityReason()} as its message
     */
    public static void ensureAvailability() {
        Platform.requireSupported();
    }

    /**
     * {@return the platforms the module has native bindings for, as {@code os.name/os.arch}: {@code
     * Linux/amd64} and {@code Linux/aarch64}}
     */
    public static List<String> supportedPlatforms() {
        return Platform.SUPPORTED;
    }
}
