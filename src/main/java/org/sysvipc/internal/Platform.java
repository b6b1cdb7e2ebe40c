package org.sysvipc.internal;

import org.sysvipc.generated.x86_64.GeneratedFor;

/**
 * Refuses to run the bindings on a platform they were not generated for: their struct layouts and
 * constants are baked in by jextract, and on another ABI they would read and write the wrong bytes.
 */
public final class Platform {
    private static final String MISMATCH =
            mismatch(System.getProperty("os.name"), System.getProperty("os.arch"));

    private Platform() {
    }

    /**
     * Throws if this JVM's platform is not the one the bindings were generated for.
     *
     * @throws UnsupportedOperationException naming both platforms
     */
    public static void requireSupported() {
        if (MISMATCH != null) {
            throw new UnsupportedOperationException(MISMATCH);
        }
    }

    /** Returns why {@code os}/{@code arch} cannot use the bindings, or null if it can. */
    static String mismatch(String os, String arch) {
        if (GeneratedFor.OS.equals(os) && GeneratedFor.ARCH.equals(arch)) {
            return null;
        }
        return "org.sysvipc's native bindings were generated for " + GeneratedFor.OS + "/" + GeneratedFor.ARCH
                + " but this JVM runs on " + os + "/" + arch
                + "; regenerate them there with native-headers/regenerate";
    }
}
