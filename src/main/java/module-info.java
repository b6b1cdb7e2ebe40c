/**
 * System V IPC for Java on Linux: message queues, semaphore sets, shared memory, keys and FIFOs,
 * over the Foreign Function and Memory API.
 *
 * <p>The module calls native code: run it with {@code --enable-native-access=org.sysvipc}
 * (or {@code ALL-UNNAMED} on the class path); without it, or on a platform it has no bindings for
 * (it has them for Linux on x86_64 and aarch64), its first use throws an
 * {@link java.lang.UnsatisfiedLinkError} that says why, and {@link org.sysvipc.IpcSupport} tells
 * beforehand. It exports {@link org.sysvipc} and, for interop
 * with PHP's {@code sysvmsg}, {@code sysvsem} and {@code sysvshm}, {@link org.sysvipc.php}; the
 * jextract bindings and the errno-checked call layer stay inside. {@link org.sysvipc.channel} is a
 * message channel in shared memory, made of a segment and a semaphore set.
 */
module org.sysvipc {
    exports org.sysvipc;
    exports org.sysvipc.php;
    exports org.sysvipc.channel;
}
