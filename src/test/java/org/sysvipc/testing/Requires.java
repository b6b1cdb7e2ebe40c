package org.sysvipc.testing;

/**
 * JUnit tags for what a test needs beyond the module and a JVM, where an environment may lack it.
 * The host test run has everything and runs every test; the emulated aarch64 run
 * ({@code Arm64ContainerTest}) excludes the tests whose tags name what its image or qemu-user
 * lacks, and lists each one it excluded with the reason.
 */
public final class Requires {
    /** A php-cli peer, {@code /usr/bin/php} with the System V extensions. */
    public static final String PHP = "requires-php";
    /** The {@code *_STAT_ANY} commands (Linux 4.17) of msgctl, semctl and shmctl, which the listing uses. */
    public static final String STAT_ANY = "requires-stat-any";
    /** The kernel's {@code msg_lspid} and {@code msg_lrpid} in a {@code struct msqid_ds}, where glibc puts them. */
    public static final String MSG_PIDS = "requires-msg-pids";

    private Requires() {
    }
}
