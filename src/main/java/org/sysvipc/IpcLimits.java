package org.sysvipc;

import static org.sysvipc.generated.SysvIpc.IPC_INFO;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.sysvipc.generated.msginfo;
import org.sysvipc.generated.seminfo;
import org.sysvipc.generated.shminfo;
import org.sysvipc.internal.Errors;
import org.sysvipc.internal.MsgCalls;
import org.sysvipc.internal.Platform;
import org.sysvipc.internal.SemCalls;
import org.sysvipc.internal.ShmCalls;

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
    private static final String SUBJECT = "the kernel's limits (IPC_INFO)";

    /**
     * Reads the limits in force now in this process's IPC namespace.
     *
     * @return the limits
     * @throws IpcException if the kernel refuses {@code IPC_INFO}
     * @throws UnsupportedOperationException if the native bindings do not fit this platform
     */
    public static IpcLimits current() {
        Platform.requireSupported();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment msg = arena.allocate(msginfo.layout());
            if (MsgCalls.msgctl(0, IPC_INFO(), msg) == -1) {
                throw Errors.lastCall("msgctl", SUBJECT);
            }
            MemorySegment shm = arena.allocate(shminfo.layout());
            if (ShmCalls.shmctl(0, IPC_INFO(), shm) == -1) {
                throw Errors.lastCall("shmctl", SUBJECT);
            }
            MemorySegment sem = arena.allocate(seminfo.layout());
            if (SemCalls.semctl(0, 0, IPC_INFO(), sem) == -1) {
                throw Errors.lastCall("semctl", SUBJECT);
            }
            return new IpcLimits(msginfo.msgmax(msg), msginfo.msgmnb(msg), msginfo.msgmni(msg),
                    unsignedOrMax(shminfo.shmmax(shm)), unsignedOrMax(shminfo.shmall(shm)),
                    (int) shminfo.shmmni(shm),
                    seminfo.semmsl(sem), seminfo.semmns(sem), seminfo.semopm(sem), seminfo.semmni(sem));
        }
    }

    /** An unsigned long as a long, clamping what does not fit. */
    private static long unsignedOrMax(long unsigned) {
        return unsigned < 0 ? Long.MAX_VALUE : unsigned;
    }
}
