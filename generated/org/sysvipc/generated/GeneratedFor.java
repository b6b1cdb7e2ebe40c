// Written by native-headers/regenerate, not by jextract: the platform these bindings were generated on.
package org.sysvipc.generated;

public final class GeneratedFor {
    /** The os.arch of the machine that ran jextract. */
    public static final String ARCH = "amd64";
    /** The os.name of the machine that ran jextract. */
    public static final String OS = "Linux";

    private GeneratedFor() {
    }
}
