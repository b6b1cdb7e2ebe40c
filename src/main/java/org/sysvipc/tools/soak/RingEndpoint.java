package org.sysvipc.tools.soak;

import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.sysvipc.IpcKey;
import org.sysvipc.IpcRemovedException;
import org.sysvipc.MessageBuffer;
import org.sysvipc.SemaphoreLock;
import org.sysvipc.SemaphoreSet;
import org.sysvipc.SharedMemory;

/**
 * A worker's end of a {@link RingLane}: the {@link SharedRing} in the lane's segment, changed
 * only with the lane's lock held. Half the workers take the lock with {@code semop}, half with
 * {@code semtimedop}; a worker that finds the ring full or empty waits on a doorbell semaphore
 * with {@code semtimedop}. Now and then a worker holds the lock a while, as slow work would, so
 * that the soak finds holders to kill. The workers mark in their slot when they hold the lock.
 */
final class RingEndpoint implements LaneEndpoint {
    private static final Duration LOCK_WAIT = Duration.ofMillis(50);
    private static final Duration BELL_WAIT = Duration.ofMillis(20);
    /** Doorbells are hints: rung up to this value, so that they never reach SEMVMX. */
    private static final int BELL_CAP = 64;
    /** One lock in this many is held a while. */
    private static final int SLOW_ONE_IN = 16;

    private final IpcKey setKey;
    private final IpcKey memoryKey;
    private final WorkerSlot slot;
    private final BlockingCalls calls;
    private final boolean timedLock;
    private SemaphoreSet set;
    private SharedMemory.Attachment attachment;
    private SharedRing ring;

    /** The lane's objects as one worker opened them: a set and a ring of the same generation. */
    private record Opened(SemaphoreSet set, SharedMemory.Attachment attachment, SharedRing ring) {
    }

    RingEndpoint(IpcKey setKey, IpcKey memoryKey, WorkerSlot slot, BlockingCalls calls, boolean timedLock) {
        this.setKey = setKey;
        this.memoryKey = memoryKey;
        this.slot = slot;
        this.calls = calls;
        this.timedLock = timedLock;
    }

    @Override
    public void send(MemorySegment message) {
        while (true) {
            boolean accepted = false;
            SemaphoreLock lock = lock();
            try {
                slot.holdingLock(true);
                holdAWhileSometimes(); // killed here, nothing was sent
                accepted = ring.offer(message);
                if (accepted) {
                    holdAWhileSometimes(); // killed here, the message was sent but not confirmed
                }
            } finally {
                slot.holdingLock(false);
                unlock(lock, accepted);
            }
            if (accepted) {
                ring(RingLane.ITEMS);
                return;
            }
            calls.call(CallKind.SEMTIMEDOP, () -> set.tryAcquire(RingLane.SPACES, 1, BELL_WAIT));
        }
    }

    @Override
    public boolean receive(MessageBuffer mailbox) {
        boolean taken = false;
        SemaphoreLock lock = lock();
        try {
            slot.holdingLock(true);
            taken = ring.poll(mailbox);
            if (taken) {
                holdAWhileSometimes(); // killed here, the message dies with the consumer, in its mailbox
            }
        } finally {
            slot.holdingLock(false);
            unlock(lock, taken);
        }
        if (taken) {
            ring(RingLane.SPACES);
            return true;
        }
        calls.call(CallKind.SEMTIMEDOP, () -> set.tryAcquire(RingLane.ITEMS, 1, BELL_WAIT));
        return false;
    }

    @Override
    public boolean reopen(BooleanSupplier stopped) {
        if (attachment != null) {
            attachment.close();
            attachment = null;
        }
        Opened opened = Reopening.await("the ring with keys " + setKey + " and " + memoryKey, this::open, stopped);
        if (opened == null) {
            return false;
        }
        set = opened.set();
        attachment = opened.attachment();
        ring = opened.ring();
        return true;
    }

    /** Opens the set, then the segment; null if they are of different generations (the soak is recreating them). */
    private Opened open() {
        SemaphoreSet openedSet = SemaphoreSet.open(setKey);
        SharedMemory.Attachment openedAttachment = SharedMemory.open(memoryKey).attach();
        try {
            SharedRing openedRing = SharedRing.in(openedAttachment.segment());
            if (openedRing.generation() == openedSet.getValue(RingLane.GENERATION)) {
                return new Opened(openedSet, openedAttachment, openedRing);
            }
        } catch (RuntimeException notYet) {
            openedAttachment.close();
            throw notYet;
        }
        openedAttachment.close();
        return null;
    }

    private SemaphoreLock lock() {
        if (!timedLock) {
            return calls.call(CallKind.SEMOP, () -> set.lock(RingLane.MUTEX));
        }
        while (true) {
            SemaphoreLock lock = calls.call(CallKind.SEMTIMEDOP, () -> set.tryLock(RingLane.MUTEX, LOCK_WAIT));
            if (lock != null) {
                return lock;
            }
        }
    }

    /** Gives the lock back; a removal is news only if the operation under it did not happen. */
    private static void unlock(SemaphoreLock lock, boolean done) {
        try {
            lock.close();
        } catch (IpcRemovedException removed) {
            if (!done) {
                throw removed;
            }
        }
    }

    /** Rings a doorbell after the operation happened: a removal now shows at the next call. */
    private void ring(int bell) {
        try {
            if (set.getValue(bell) < BELL_CAP) {
                set.release(bell);
            }
        } catch (IpcRemovedException removed) {
            // the next lock fails the same way
        }
    }

    private static void holdAWhileSometimes() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (random.nextInt(SLOW_ONE_IN) == 0) {
            LockSupport.parkNanos(random.nextLong(500_000, 2_000_000));
        }
    }
}
