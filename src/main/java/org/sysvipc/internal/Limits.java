package org.sysvipc.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.sysvipc.IpcLimits;
import org.sysvipc.internal.Layouts.IntField;
import org.sysvipc.internal.Layouts.LongField;

/** Reads the kernel's limits with the {@code IPC_INFO} command of msgctl, shmctl and semctl. */
public final class Limits {
    private static final String SUBJECT = "the kernel's limits (IPC_INFO)";
    private static final int IPC_INFO = Constants.IPC_INFO;
    private static final IntField MSGMAX = Layouts.intField(Layouts.MSGINFO, "msgmax");
    private static final IntField MSGMNB = Layouts.intField(Layouts.MSGINFO, "msgmnb");
    private static final IntField MSGMNI = Layouts.intField(Layouts.MSGINFO, "msgmni");
    private static final LongField SHMMAX = Layouts.longField(Layouts.SHMINFO, "shmmax");
    private static final LongField SHMALL = Layouts.longField(Layouts.SHMINFO, "shmall");
    private static final LongField SHMMNI = Layouts.longField(Layouts.SHMINFO, "shmmni");
    private static final IntField SEMMSL = Layouts.intField(Layouts.SEMINFO, "semmsl");
    private static final IntField SEMMNS = Layouts.intField(Layouts.SEMINFO, "semmns");
    private static final IntField SEMOPM = Layouts.intField(Layouts.SEMINFO, "semopm");
    private static final IntField SEMMNI = Layouts.intField(Layouts.SEMINFO, "semmni");

    private Limits() {
    }

    /** {@return the limits in force now in this process's IPC namespace} */
    public static IpcLimits current() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment msg = arena.allocate(Layouts.MSGINFO);
            check("msgctl", Syscalls.msgctl(0, IPC_INFO, msg));
            MemorySegment shm = arena.allocate(Layouts.SHMINFO);
            check("shmctl", Syscalls.shmctl(0, IPC_INFO, shm));
            MemorySegment sem = arena.allocate(Layouts.SEMINFO);
            check("semctl", Syscalls.semctl(0, 0, IPC_INFO, sem));
            return new IpcLimits(MSGMAX.get(msg), MSGMNB.get(msg), MSGMNI.get(msg),
                    unsignedOrMax(SHMMAX.get(shm)), unsignedOrMax(SHMALL.get(shm)), (int) SHMMNI.get(shm),
                    SEMMSL.get(sem), SEMMNS.get(sem), SEMOPM.get(sem), SEMMNI.get(sem));
        }
    }

    /** {@return msgmax alone: the longest message msgsnd accepts now} */
    public static int msgmax() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment msg = arena.allocate(Layouts.MSGINFO);
            check("msgctl", Syscalls.msgctl(0, IPC_INFO, msg));
            return MSGMAX.get(msg);
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
