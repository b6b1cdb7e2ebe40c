package org.sysvipc.internal;

import java.util.List;

/**
 * Whether this JVM can use the module, and which architecture's bindings it uses. It can when it
 * runs on a platform there are bindings for (their struct layouts and constants are baked in by
 * jextract, and on another ABI they would read and write the wrong bytes) and native access is
 * enabled for the module. Reading the platforms loads no generated class: {@code GeneratedFor}'s
 * fields are constants that javac copies here.
 */
public final class Platform {
    private static final String X86_64 =
            org.sysvipc.generated.x86_64.GeneratedFor.OS + "/" + org.sysvipc.generated.x86_64.GeneratedFor.ARCH;
    private static final String AARCH64 =
            org.sysvipc.generated.aarch64.GeneratedFor.OS + "/" + org.sysvipc.generated.aarch64.GeneratedFor.ARCH;
    /** The platforms there are bindings for, as {@code os.name/os.arch}. */
    public static final List<String> SUPPORTED = List.of(X86_64, AARCH64);

    private static final String RUNNING = System.getProperty("os.name") + "/" + System.getProperty("os.arch");
    private static final String MISMATCH = mismatch(RUNNING);
    private static final Module MODULE = Platform.class.getModule();

    private Platform() {
    }

    /**
     * Throws unless this JVM can use the module.
     *
     * @throws UnsatisfiedLinkError naming what is missing, as {@link #unavailabilityReason()} does
     */
    public static void requireSupported() {
        String reason = unavailabilityReason();
        if (reason != null) {
            throw new UnsatisfiedLinkError(reason);
        }
    }

    /**
     * {@return why this JVM cannot use the module, or null if it can}: the platform it runs on and
     * the platforms there are bindings for, or the flag that enables native access
     */
    public static String unavailabilityReason() {
        if (MISMATCH != null) {
            return MISMATCH;
        }
        // checked each time: native access can be enabled later (a module layer's controller)
        return MODULE.isNativeAccessEnabled() ? null : nativeAccessMissing(MODULE);
    }

    /**
     * Whether the bindings to use are aarch64's (else x86_64's). Every class that picks bindings
     * calls this first in its initialisation, so that where the module cannot run no generated
     * class is loaded (nor the JDK's own warning about native access printed) and the reason is
     * thrown instead; an Error, so that it reaches the caller as it is rather than wrapped.
     *
     * @throws UnsatisfiedLinkError naming the reason this JVM cannot use the module
     */
    static boolean aarch64Bindings() {
        requireSupported();
        return RUNNING.equals(AARCH64);
    }

    /** Returns why {@code platform} ({@code os.name/os.arch}) has no bindings, or null if it has. */
    static String mismatch(String platform) {
        if (SUPPORTED.contains(platform)) {
            return null;
        }
        return "org.sysvipc has native bindings for " + String.join(" and ", SUPPORTED)
                + " (os.name/os.arch), and this JVM runs on " + platform;
    }

    /** The message for {@code module} without native access: the flag that enables it. */
    static String nativeAccessMissing(Module module) {
        if (module.isNamed()) {
            return "org.sysvipc calls native code and native access is not enabled for module " + module.getName()
                    + ": add --enable-native-access=" + module.getName() + " to the java command line";
        }
        return "org.sysvipc calls native code and native access is not enabled for the class path, where"
                + " org.sysvipc is: add --enable-native-access=ALL-UNNAMED to the java command line"
                + " (or Enable-Native-Access: ALL-UNNAMED to an executable jar's manifest)";
    }
}
