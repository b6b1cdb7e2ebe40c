package org.sysvipc.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.sysvipc.IpcLimits;
import org.sysvipc.generated.x86_64.msginfo;
import org.sysvipc.generated.x86_64.seminfo;
import org.sysvipc.generated.x86_64.shminfo;

/** Reads the kernel's limits with the {@code IPC_INFO} command of msgctl, shmctl and semctl. */
public final class Limits {
    private static final String SUBJECT = "the kernel's limits (IPC_INFO)";
    private static final int IPC_INFO = org.sysvipc.generated.x86_64.SysvIpc.IPC_INFO();

    private Limits() {
    }

    /** {@return the limits in force now in this process's IPC namespace} */
    public static IpcLimits current() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment msg = arena.allocate(msginfo.layout());
            check("msgctl", Syscalls.msgctl(0, IPC_INFO, msg));
            MemorySegment shm = arena.allocate(shminfo.layout());
            check("shmctl", Syscalls.shmctl(0, IPC_INFO, shm));
            MemorySegment sem = arena.allocate(seminfo.layout());
            check("semctl", Syscalls.semctl(0, 0, IPC_INFO, sem));
            return new IpcLimits(msginfo.msgmax(msg), msginfo.msgmnb(msg), msginfo.msgmni(msg),
                    unsignedOrMax(shminfo.shmmax(shm)), unsignedOrMax(shminfo.shmall(shm)),
                    (int) shminfo.shmmni(shm),
                    seminfo.semmsl(sem), seminfo.semmns(sem), seminfo.semopm(sem), seminfo.semmni(sem));
        }
    }

    /** {@return msgmax alone: the longest message msgsnd accepts now} */
    public static int msgmax() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment msg = arena.allocate(msginfo.layout());
            check("msgctl", Syscalls.msgctl(0, IPC_INFO, msg));
            return msginfo.msgmax(msg);
        }
    }

    private static void check(String call, int result) {
        if (result < 0) {
            throw Errors.of(call, SUBJECT, -result);
        }
    }

    /** An unsigned long as a long, clamping what does not fit. */
    private static long unsignedOrMax(long unsigned) {
        return unsigned < 0 ? Long.MAX_VALUE : unsigned;
    }
}
