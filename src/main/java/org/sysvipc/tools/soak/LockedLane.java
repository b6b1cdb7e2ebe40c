package org.sysvipc.tools.soak;

import java.time.Duration;

/** A {@link Lane} whose workers hold a semaphore lock taken with {@code SEM_UNDO}, and whose holders the soak kills. */
interface LockedLane extends Lane {
    /**
     * Takes the lock and gives it back, waiting at most {@code timeout}: after a holder was killed,
     * whether the kernel gave its lock back.
     */
    boolean lockComesBack(Duration timeout);
}
