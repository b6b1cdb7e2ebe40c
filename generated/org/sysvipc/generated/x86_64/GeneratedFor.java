// Written by native-headers/regenerate, not by jextract: the platform these bindings are for.
package org.sysvipc.generated.x86_64;

public final class GeneratedFor {
    /** The os.arch these bindings are for. */
    public static final String ARCH = "amd64";
    /** The os.name these bindings are for. */
    public static final String OS = "Linux";
    /** The target clang parsed the headers for. */
    public static final String TARGET = "x86_64-linux-gnu";
    /** The version of the glibc headers parsed. */
    public static final String GLIBC = "2.36";

    private GeneratedFor() {
    }
}
