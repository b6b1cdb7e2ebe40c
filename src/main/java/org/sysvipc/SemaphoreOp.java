package org.sysvipc;

/**
 * One operation on one semaphore of a {@link SemaphoreSet}, as a {@code struct sembuf}. Several
 * go to {@link SemaphoreSet#apply(SemaphoreOp...)} together and are then applied all at once or
 * not at all.
 *
 * <p>A positive delta adds to the value and never blocks; a negative delta subtracts and blocks
 * while the value is less than its magnitude; a zero delta waits until the value is zero. Build
 * operations with {@link #add(int, int)} and {@link #waitForZero(int)}, then refine them with
 * {@link #withUndo()} and {@link #withNoWait()}:
 * {@snippet :
 * set.apply(SemaphoreOp.add(0, -1).withUndo(), SemaphoreOp.add(1, +1));
 * }
 *
 * @param index  which semaphore of the set, from 0; checked against the set's size when applied
 * @param delta  what to add to the value, or 0 to wait until it is zero; at most
 *               {@link SemaphoreSet#MAX_VALUE} either way
 * @param undo   whether the kernel reverts the change when the process exits ({@code SEM_UNDO}),
 *               so that a process killed while it holds a semaphore does not keep it
 * @param noWait whether the whole call fails instead of blocking when this operation cannot
 *               proceed ({@code IPC_NOWAIT})
 */
public record SemaphoreOp(int index, int delta, boolean undo, boolean noWait) {
    /** The largest index a {@code struct sembuf} can hold. */
    private static final int MAX_INDEX = 0xffff;

    /**
     * Checks the index and delta.
     *
     * @throws IllegalArgumentException if {@code index} is negative or above 65535, or the
     *                                  magnitude of {@code delta} exceeds {@link SemaphoreSet#MAX_VALUE}
     */
    public SemaphoreOp {
        if (index < 0 || index > MAX_INDEX) {
            throw new IllegalArgumentException("semaphore index must be 0 to " + MAX_INDEX + ", was " + index);
        }
        if (delta < -SemaphoreSet.MAX_VALUE || delta > SemaphoreSet.MAX_VALUE) {
            throw new IllegalArgumentException("a semaphore operation's delta must be within -"
                    + SemaphoreSet.MAX_VALUE + " to " + SemaphoreSet.MAX_VALUE + ", was " + delta);
        }
    }

    /**
     * {@return an operation that adds {@code delta} to semaphore {@code index}: a positive delta
     * releases, a negative one acquires and may block}
     *
     * @param index which semaphore of the set, from 0
     * @param delta what to add; not 0 (use {@link #waitForZero(int)})
     * @throws IllegalArgumentException if {@code delta} is 0 or out of range, or {@code index} is negative
     */
    public static SemaphoreOp add(int index, int delta) {
        if (delta == 0) {
            throw new IllegalArgumentException("a delta of 0 waits for zero; say so with SemaphoreOp.waitForZero");
        }
        return new SemaphoreOp(index, delta, false, false);
    }

    /**
     * {@return an operation that waits until semaphore {@code index} is zero}
     *
     * @param index which semaphore of the set, from 0
     * @throws IllegalArgumentException if {@code index} is negative
     */
    public static SemaphoreOp waitForZero(int index) {
        return new SemaphoreOp(index, 0, false, false);
    }

    /**
     * {@return this operation with {@code SEM_UNDO}: the kernel reverts its change when the
     * process exits, however it exits}
     */
    public SemaphoreOp withUndo() {
        return new SemaphoreOp(index, delta, true, noWait);
    }

    /**
     * {@return this operation with {@code IPC_NOWAIT}: if it cannot proceed, the whole call
     * fails instead of blocking}
     */
    public SemaphoreOp withNoWait() {
        return new SemaphoreOp(index, delta, undo, true);
    }
}
