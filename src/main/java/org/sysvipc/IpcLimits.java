package org.sysvipc;

import org.sysvipc.internal.Limits;
import org.sysvipc.internal.Platform;

/**
 * The kernel's System V IPC limits in this process's IPC namespace, as {@code ipcs -l} shows them
 * and {@code /proc/sys/kernel/} sets them. {@link #current()} reads them with the
 * {@code IPC_INFO} command of {@code msgctl}, {@code shmctl} and {@code semctl}.
 *
 * <p>The kernel's shared memory limits are unsigned and default to almost {@code 2^64}, meaning
 * "unlimited"; values above {@link Long#MAX_VALUE} are reported as {@code Long.MAX_VALUE}.
 *
 * @param msgmax the largest message, in bytes, that one {@code msgsnd} may send ({@code kernel.msgmax})
 * @param msgmnb the default capacity of a new message queue, in bytes ({@code kernel.msgmnb}); the
 *               owner may change a queue's capacity, and only a privileged process may raise it above this
 * @param msgmni the most message queues the namespace may hold ({@code kernel.msgmni})
 * @param shmmax the largest shared memory segment, in bytes, that may be created ({@code kernel.shmmax})
 * @param shmall the most shared memory, in pages of the system page size, that all segments of the
 *               namespace may hold together ({@code kernel.shmall})
 * @param shmmni the most shared memory segments the namespace may hold ({@code kernel.shmmni})
 * @param semmsl the most semaphores one set may have (first field of {@code kernel.sem})
 * @param semmns the most semaphores all sets of the namespace may have together (second field of
 *               {@code kernel.sem})
 * @param semopm the most operations one {@code semop} call may perform (third field of {@code kernel.sem})
 * @param semmni the most semaphore sets the namespace may hold (fourth field of {@code kernel.sem})
 */
public record IpcLimits(int msgmax, int msgmnb, int msgmni, long shmmax, long shmall, int shmmni,
                        int semmsl, int semmns, int semopm, int semmni) {
    /**
     * Reads the limits in force now in this process's IPC namespace.
     *
     * @return the limits
     * @throws IpcException if the kernel refuses {@code IPC_INFO}
     * @throws UnsatisfiedLinkError if this JVM cannot use the module ({@link IpcSupport})
     */
    public static IpcLimits current() {
        Platform.requireSupported();
        return Limits.current();
    }
}
