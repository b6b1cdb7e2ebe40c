package org.sysvipc.testing;

import java.util.List;

/**
 * The Linux architecture a {@link CProgram} is compiled for: this machine's own, compiled with
 * {@code gcc} and run as it is, or another one, compiled with Debian's cross compiler
 * ({@code <triple>-gcc}, statically, so that no other libc is needed) and run under qemu-user
 * ({@code qemu-<arch>-static}).
 *
 * @param arch the architecture as the kernel and gcc name it ({@code x86_64}, {@code aarch64})
 */
public record CTarget(String arch) {
    /** What installs the cross tools on Debian; bin/test runs it. */
    private static final String CROSS_TOOLS = "bin/test-cross-tools (as root: gcc-aarch64-linux-gnu, "
            + "libc6-dev-arm64-cross, qemu-user-static)";

    /** This machine's architecture. */
    public static CTarget host() {
        String arch = System.getProperty("os.arch");
        return new CTarget(arch.equals("amd64") ? "x86_64" : arch);
    }

    /** The target of GNU triple {@code triple}, as in {@code aarch64-linux-gnu}. */
    public static CTarget ofTriple(String triple) {
        if (!triple.endsWith("-linux-gnu")) {
            throw new IllegalArgumentException("not a Linux GNU triple: " + triple);
        }
        return new CTarget(triple.substring(0, triple.indexOf('-')));
    }

    /** Whether programs for this target run here without emulation. */
    public boolean isHost() {
        return equals(host());
    }

    /** The compiler command, before its arguments. */
    List<String> compiler() {
        return isHost() ? List.of("gcc") : List.of(arch + "-linux-gnu-gcc", "-static");
    }

    /** What runs a program of this target: nothing on the host, else qemu-user. */
    List<String> launcher() {
        return isHost() ? List.of() : List.of("qemu-" + arch + "-static");
    }

    /** What to install when the compiler or launcher is missing. */
    String installHint() {
        return isHost() ? "apt-get install gcc" : CROSS_TOOLS;
    }

    @Override
    public String toString() {
        return arch + (isHost() ? "" : " (cross-compiled, run under qemu-" + arch + "-static)");
    }
}
