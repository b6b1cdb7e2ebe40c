package org.sysvipc.bench;

import org.sysvipc.SemaphoreSet;

/**
 * {@code sem_lock_unlock}: one process, one semaphore with value 1; each op takes it and gives it
 * back, both with {@code SEM_UNDO} ({@link SemaphoreSet#lock(int)} and closing the lock).
 */
final class SemLockUnlock {
    private SemLockUnlock() {
    }

    static String parent(Run run) {
        SemaphoreSet set = run.own(SemaphoreSet.createPrivate(1));
        set.setValue(0, 1);
        lockUnlock(set, run.warmup);
        long allocated = Run.allocatedBytes();
        long start = System.nanoTime();
        lockUnlock(set, run.n);
        long nanos = System.nanoTime() - start;
        allocated = Run.allocatedBytes() - allocated;
        return SysvBench.report(run.bench, -1, run.n, run.n, run.warmup, nanos, Allocation.field(allocated, run.n));
    }

    private static void lockUnlock(SemaphoreSet set, long count) {
        for (long i = 0; i < count; i++) {
            lockUnlock(set);
        }
    }

    /**
     * One op in a method of its own, which the JIT compiles with lock and close inlined after a
     * few thousand warm-up calls, so that the lock object is never allocated.
     */
    private static void lockUnlock(SemaphoreSet set) {
        set.lock(0).close();
    }
}
