package org.sysvipc.tools.soak;

import java.util.Set;

/**
 * The blocking calls the soak interrupts with signals (System V calls, and the channel's waits, which
 * sleep in one), and the kernel functions a thread blocked in each sleeps in, as
 * {@code /proc/PID/task/TID/wchan} names them.
 */
enum CallKind {
    MSGRCV("msgrcv", Set.of("do_msgrcv")),
    MSGSND("msgsnd", Set.of("do_msgsnd")),
    /** semop: an untimed wait, such as for a lock. */
    SEMOP("semop", Set.of("__do_semtimedop", "do_semtimedop")),
    /** semtimedop: a wait with a timeout. */
    SEMTIMEDOP("semtimedop", Set.of("__do_semtimedop", "do_semtimedop")),
    /** A channel's send to a full ring, which sleeps in semtimedop on the channel's set. */
    CHANNEL_SEND("channel send", Set.of("__do_semtimedop", "do_semtimedop")),
    /** A channel's receive from an empty ring, which sleeps the same way. */
    CHANNEL_RECEIVE("channel receive", Set.of("__do_semtimedop", "do_semtimedop"));

    private final String call;
    private final Set<String> sleepsIn;

    CallKind(String call, Set<String> sleepsIn) {
        this.call = call;
        this.sleepsIn = sleepsIn;
    }

    /** {@return the call's name: the system call's, or the channel's method} */
    String call() {
        return call;
    }

    /** {@return whether a thread whose wchan is {@code function} is blocked in this call} */
    boolean isBlockedIn(String function) {
        return sleepsIn.contains(function);
    }
}
