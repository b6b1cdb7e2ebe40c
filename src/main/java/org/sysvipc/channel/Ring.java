package org.sysvipc.channel;

import static org.sysvipc.channel.Layout.*;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;
import org.sysvipc.Errno;
import org.sysvipc.IpcException;
import org.sysvipc.IpcInterruptedException;
import org.sysvipc.IpcRemovedException;
import org.sysvipc.SemaphoreSet;
import org.sysvipc.SharedMemory;

/**
 * A channel's attached segment and its semaphore set, with the accesses both sides share: the
 * positions, the counters, and the two halves of the wake-up protocol that the waker runs
 * ({@code docs/channel.md}, "Waking").
 */
final class Ring {

    final MemorySegment segment;
    /** The same memory, read-only, for the views handed to message handlers. */
    final MemorySegment readOnly;
    final SharedMemory memory;
    final SemaphoreSet semaphores;
    final int capacity;
    final int mask;
    final int maxMessage;
    /** The segment, as exceptions name it. */
    final String subject;

    Ring(MemorySegment segment, SharedMemory memory, SemaphoreSet semaphores, ChannelHeader.Geometry geometry) {
        this.segment = segment;
        this.readOnly = segment.asReadOnly();
        this.memory = memory;
        this.semaphores = semaphores;
        this.capacity = geometry.capacity();
        this.mask = geometry.capacity() - 1;
        this.maxMessage = geometry.maxMessage();
        this.subject = memory.toString();
    }

    /** {@return the offset in the segment of the record at {@code position}} */
    long offsetOf(long position) {
        return HEADER_SIZE + (position & mask);
    }

    long tail() {
        return (long) LONG.getAcquire(segment, TAIL_OFFSET);
    }

    long head() {
        return (long) LONG.getAcquire(segment, HEAD_OFFSET);
    }

    void publishHead(long head) {
        LONG.setRelease(segment, HEAD_OFFSET, head);
    }

    boolean isRemoved() {
        return (int) INT.getAcquire(segment, REMOVED_OFFSET) != 0;
    }

    /** Adds to a counter that several processes update. */
    void count(long offset, long delta) {
        LONG.getAndAdd(segment, offset, delta);
    }

    /** Adds to a counter only one writer updates at a time (the consumer, or a claim lock's holder). */
    void countAlone(long offset, long delta) {
        LONG.setRelease(segment, offset, (long) segment.get(java.lang.foreign.ValueLayout.JAVA_LONG, offset) + delta);
    }

    /**
     * The producer's half of the consumer's wake-up, after a commit: a full fence, then, if the
     * consumer said it sleeps, the one producer that clears the flag posts the semaphore.
     */
    void wakeConsumer() {
        VarHandle.fullFence();
        if ((int) INT.getAcquire(segment, CONSUMER_SLEEPING_OFFSET) != 0) {
            postIfStillSleeping();
        }
    }

    /**
     * A set removed meanwhile needs no post: its removal woke every sleeper, and the message was
     * committed all the same.
     */
    private void postIfStillSleeping() {
        if (INT.compareAndSet(segment, CONSUMER_SLEEPING_OFFSET, 1, 0)) {
            try {
                semaphores.release(CONSUMER_SEMAPHORE);
            } catch (IpcRemovedException removedMeanwhile) {
                return;
            }
            count(WAKE_UPS_OFFSET, 1);
        }
    }

    /**
     * The consumer's half of the producers' wake-up, after freeing room: a full fence, then, if
     * producers said they sleep, takes their count and posts that many units.
     */
    void wakeProducers() {
        VarHandle.fullFence();
        if ((int) INT.getAcquire(segment, PRODUCERS_SLEEPING_OFFSET) != 0) {
            postForSleepingProducers();
        }
    }

    /**
     * A count above the semaphore's maximum was scribbled on, and is ignored; so is one the set
     * cannot take (ERANGE, after a scribbled count was posted), and the semaphore starts from 0
     * again. Either way no real producer sleeps longer than a check interval.
     */
    private void postForSleepingProducers() {
        int sleeping = (int) INT.getAndSet(segment, PRODUCERS_SLEEPING_OFFSET, 0);
        if (sleeping > 0 && sleeping <= SemaphoreSet.MAX_VALUE) {
            try {
                semaphores.release(PRODUCERS_SEMAPHORE, sleeping);
            } catch (IpcRemovedException removedMeanwhile) {
                return; // its removal woke every sleeper, and the messages were consumed all the same
            } catch (IpcException e) {
                if (e.errno() != Errno.ERANGE) {
                    throw e;
                }
                semaphores.setValue(PRODUCERS_SEMAPHORE, 0);
            }
            count(WAKE_UPS_OFFSET, 1);
        }
    }

    /** Throws if the channel was removed: its removed flag is set, or its segment is marked for destruction. */
    void requireNotRemoved(String operation) {
        if (isRemoved()) {
            throw removed(operation, "the channel was removed");
        }
    }

    /**
     * The check a sleeper makes, at most once per check interval ({@link Waiter#segmentCheckDue()}),
     * for what no wake-up reports: a segment removed with {@code ipcrm -m} ({@code IPC_STAT}).
     * Removing the semaphore set then wakes every other sleeper at once.
     */
    void checkSegment(String operation) {
        requireNotRemoved(operation);
        boolean gone;
        try {
            gone = memory.stat().markedForDestruction();
        } catch (IpcRemovedException e) {
            gone = true;
        }
        if (gone) {
            try {
                semaphores.remove();
            } catch (RuntimeException alreadyGone) {
                // removed by whoever noticed first, or not ours to remove
            }
            throw removed(operation, "the channel's segment was removed");
        }
    }

    /**
     * The exception of a wait that an interrupt ended: {@code detail} says what the call left
     * undone. The thread's interrupt status stays set.
     */
    IpcInterruptedException interrupted(String operation, String detail) {
        return new IpcInterruptedException(operation, subject, detail);
    }

    IpcRemovedException removed(String operation, String detail) {
        return new IpcRemovedException(operation, subject, Errno.EIDRM.number(), detail);
    }

    ChannelFormatException corrupt(String reason, long offset) {
        return new ChannelFormatException(subject, reason, offset);
    }

    /** Checks a head and a tail read from the header against each other and the capacity. */
    void requireSane(long head, long tail) {
        if (((head | tail) & (ALIGNMENT - 1)) != 0 || tail - head < 0 || tail - head > capacity) {
            throw corrupt("head " + head + " and tail " + tail + " do not bound a ring of " + capacity + " bytes",
                    TAIL_OFFSET);
        }
    }
}
