package org.sysvipc.tools.soak;

/**
 * What the signals did to one kind of blocking call. Every signalled call ends one of three ways,
 * so {@code signalledCalls == resumed + endedByRemoval + endedByKill} once all workers have ended.
 *
 * @param signals        signals sent to threads seen blocked in the call
 * @param signalledCalls calls that were sent at least one signal while they ran
 * @param resumed        of those, calls that then completed (the library retried after EINTR)
 * @param endedByRemoval of those, calls that the removal of their object ended, as it should
 * @param endedByKill    of those, calls whose worker the soak killed meanwhile
 */
record CallCounts(long signals, long signalledCalls, long resumed, long endedByRemoval, long endedByKill) {
    static final CallCounts NONE = new CallCounts(0, 0, 0, 0, 0);

    CallCounts plus(CallCounts other) {
        return new CallCounts(signals + other.signals, signalledCalls + other.signalledCalls, resumed + other.resumed,
                endedByRemoval + other.endedByRemoval, endedByKill + other.endedByKill);
    }

    /** {@return the signalled calls not known to have ended in any of the three ways} */
    long unaccounted() {
        return signalledCalls - resumed - endedByRemoval - endedByKill;
    }
}
