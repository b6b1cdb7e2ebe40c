package org.sysvipc.tools.soak;

import java.util.Set;

/**
 * The blocking System V calls the soak interrupts with signals, and the kernel functions a thread
 * blocked in each sleeps in, as {@code /proc/PID/task/TID/wchan} names them.
 */
enum CallKind {
    MSGRCV("msgrcv", Set.of("do_msgrcv")),
    MSGSND("msgsnd", Set.of("do_msgsnd")),
    /** semop: an untimed wait, such as for a lock. */
    SEMOP("semop", Set.of("__do_semtimedop", "do_semtimedop")),
    /** semtimedop: a wait with a timeout. */
    SEMTIMEDOP("semtimedop", Set.of("__do_semtimedop", "do_semtimedop"));

    private final String call;
    private final Set<String> sleepsIn;

    CallKind(String call, Set<String> sleepsIn) {
        this.call = call;
        this.sleepsIn = sleepsIn;
    }

    /** {@return the system call's name} */
    String call() {
        return call;
    }

    /** {@return whether a thread whose wchan is {@code function} is blocked in this call} */
    boolean isBlockedIn(String function) {
        return sleepsIn.contains(function);
    }
}
