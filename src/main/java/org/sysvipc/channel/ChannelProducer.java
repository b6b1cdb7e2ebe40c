package org.sysvipc.channel;

import static org.sysvipc.channel.Layout.*;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Objects;
import org.sysvipc.IpcInterruptedException;

/**
 * Sends messages into a {@link Channel}: {@link #send} waits while the ring is full,
 * {@link #trySend} does not, and a timed {@code send} waits at most a given time. Messages of one
 * producer arrive in the order it sent them, each once.
 *
 * <p>A send claims room under the channel's claim lock (a word in the header, held for a few
 * instructions: read the tail, write the record's header, move the tail), then copies the message
 * into the ring without the lock, then commits it, and makes a system call only if the consumer
 * sleeps. Steady state allocates nothing.
 *
 * <p>A producer keeps nothing between calls but its estimate of how long to spin: any number of
 * threads may share one, and a process may have any number. It stays usable until its channel is
 * closed. If the process dies while
 * writing a message, the consumer skips the half-written record ({@link ChannelStats#abandonedRecords()});
 * if it dies holding the claim lock, the next producer to want the lock takes it over once it sees
 * the holder's process gone.
 *
 * <p><b>Waiting.</b> A send to a full ring spins, yields and then sleeps in {@code semtimedop} as
 * the {@link WaitPolicy} says; on a virtual thread the sleep lets the carrier go. An interrupt
 * ends the wait, in any phase, with {@link org.sysvipc.IpcInterruptedException}, the interrupt
 * status left set, and the message was not written: room is claimed only once it is there, and the
 * copy and commit after it never wait, so a send either delivers its message once or writes
 * nothing. An interrupted thread does not start a {@code send}, even when the ring has room;
 * {@link #trySend} ignores the interrupt status.
 */
public final class ChannelProducer {
    /** A deadline so far away that it never comes, and arithmetic on it cannot overflow. */
    static final long FOREVER_NANOS = Long.MAX_VALUE / 4;

    private final Ring ring;
    private final MemorySegment segment;
    private final Waiter waiter;
    private final String name;
    private final long lockWord;
    private final int pid;
    /** The record header's PID namespace and start time, as one long. */
    private final long identityTail;

    ChannelProducer(Ring ring, WaitPolicy policy, String name) {
        this.ring = ring;
        this.segment = ring.segment;
        this.waiter = new Waiter(ring.semaphores, policy);
        this.name = name;
        ProcessIdentity self = ProcessIdentity.CURRENT;
        this.lockWord = self.word();
        this.pid = self.pid();
        this.identityTail = pack(self.pidNamespace(), self.startTime());
    }

    /**
     * Sends a message, waiting while the ring has no room for it.
     *
     * @param type    the message's type, positive
     * @param message the message's bytes, at most {@link Channel#maxMessageSize()}; any segment
     *                this thread may read, such as {@code MemorySegment.ofArray(bytes)}
     * @throws IllegalArgumentException            if type is not positive or the message is too long
     * @throws org.sysvipc.IpcRemovedException     if the channel is removed, before or while this waits
     * @throws org.sysvipc.IpcInterruptedException if the thread is interrupted before the call or
     *                                             while it waits for room (or for the claim lock);
     *                                             nothing was written, and the interrupt status
     *                                             stays set: send the message again to send it
     * @throws ChannelFormatException              if the header's positions are not a channel's
     * @throws IllegalStateException               if the channel was closed
     */
    public void send(long type, MemorySegment message) {
        requireNotInterrupted();
        send(type, message, FOREVER_NANOS, true);
    }

    /**
     * Sends a message if the ring has room for it now. It may still wait for the claim lock while
     * another producer holds it, but at most one check interval of its {@link WaitPolicy}.
     *
     * @param type    the message's type, positive
     * @param message the message's bytes, at most {@link Channel#maxMessageSize()}
     * @return true if sent, false if the ring is full (or the claim lock stayed taken)
     * @throws IllegalArgumentException            if type is not positive or the message is too long
     * @throws org.sysvipc.IpcRemovedException     if the channel was removed
     * @throws ChannelFormatException              if the header's positions are not a channel's
     * @throws IllegalStateException               if the channel was closed
     */
    public boolean trySend(long type, MemorySegment message) {
        return send(type, message, waiter.intervalNanos(), false);
    }

    /**
     * Sends a message, waiting at most {@code timeout} for room.
     *
     * @param type    the message's type, positive
     * @param message the message's bytes, at most {@link Channel#maxMessageSize()}
     * @param timeout how long to wait; zero or negative does not wait for room
     * @return true if sent, false if the time ran out
     * @throws IllegalArgumentException            if type is not positive or the message is too long
     * @throws org.sysvipc.IpcRemovedException     if the channel is removed, before or while this waits
     * @throws org.sysvipc.IpcInterruptedException if the thread is interrupted before the call or
     *                                             while it waits for room (or for the claim lock);
     *                                             nothing was written, and the interrupt status
     *                                             stays set: send the message again to send it
     * @throws ChannelFormatException              if the header's positions are not a channel's
     * @throws IllegalStateException               if the channel was closed
     */
    public boolean send(long type, MemorySegment message, Duration timeout) {
        long nanos = timeoutNanos(timeout);
        requireNotInterrupted();
        return send(type, message, nanos, true);
    }

    /**
     * Claims room (out of line), then copies the message and commits it: the message reaches only
     * this small method, so that where it is inlined (as into a message handler that forwards the
     * view it was given) escape analysis can drop the view's allocation.
     */
    private boolean send(long type, MemorySegment message, long timeout, boolean waitForRoom) {
        long length = message.byteSize();
        long position = claim(type, length, timeout, waitForRoom);
        if (position < 0) {
            return false;
        }
        int payload = (int) length;
        long offset = ring.offsetOf(position);
        boolean copied = false;
        try {
            segment.set(ValueLayout.JAVA_LONG, offset + RECORD_TYPE, type);
            MemorySegment.copy(message, 0, segment, offset + RECORD_HEADER, payload);
            copied = true;
        } finally {
            if (!copied) {
                // the message could not be read: commit the record as type 0, which the consumer skips
                segment.set(ValueLayout.JAVA_LONG, offset + RECORD_TYPE, 0L);
            }
            INT.setRelease(segment, offset + RECORD_LENGTH, RECORD_HEADER + payload);
            ring.wakeConsumer();
        }
        return true;
    }

    /**
     * Checks the type and length, claims room for a record under the claim lock and writes its
     * header, in progress: returns
     * its position, or -1 if the lock or the room did not come within {@code timeout} nanoseconds
     * (or at once, for room, if {@code waitForRoom} is false). The clock is read only once a wait
     * begins: on a virtual machine it can cost more than a whole send.
     */
    private long claim(long type, long length, long timeout, boolean waitForRoom) {
        if (type <= 0) {
            throw new IllegalArgumentException("a message type must be positive, was " + type);
        }
        if (length > ring.maxMessage) {
            throw new IllegalArgumentException("a message of " + length + " bytes exceeds " + name
                    + "'s largest, " + ring.maxMessage);
        }
        int payload = (int) length;
        int space = recordSpace(payload);
        if (!ring.isRemoved() && LONG.compareAndSet(segment, CLAIM_LOCK_OFFSET, 0L, lockWord)) {
            // the common case in few accesses: the lock at once, no padding, room by the head cache
            long tail = segment.get(ValueLayout.JAVA_LONG, TAIL_OFFSET);
            long used = tail - segment.get(ValueLayout.JAVA_LONG, HEAD_CACHE_OFFSET);
            if (space <= ring.capacity - (int) (tail & ring.mask) && used >= 0 && used + space <= ring.capacity) {
                writeHeader(ring.offsetOf(tail), payload);
                LONG.setRelease(segment, TAIL_OFFSET, tail + space);
                ring.countAlone(MESSAGES_SENT_OFFSET, 1);
                ring.countAlone(BYTES_SENT_OFFSET, payload);
                LONG.setRelease(segment, CLAIM_LOCK_OFFSET, 0L);
                return tail;
            }
            LONG.setRelease(segment, CLAIM_LOCK_OFFSET, 0L);
        }
        return claimSlowly(payload, space, timeout, waitForRoom);
    }

    /** The claim with every case: padding at the ring's end, a stale head cache, a full ring, a taken lock. */
    private long claimSlowly(int payload, int space, long timeout, boolean waitForRoom) {
        long deadline = 0;
        boolean waited = false;
        while (true) {
            ring.requireNotRemoved("send");
            if (!lock(waited ? deadline - System.nanoTime() : timeout, waitForRoom)) {
                return -1;
            }
            long need;
            try {
                long tail = (long) LONG.getAcquire(segment, TAIL_OFFSET);
                int index = (int) (tail & ring.mask);
                int padding = space > ring.capacity - index ? ring.capacity - index : 0;
                need = padding + space;
                if (hasRoom(tail, need)) {
                    if (padding != 0) {
                        long offset = ring.offsetOf(tail);
                        segment.set(ValueLayout.JAVA_INT, offset + RECORD_LENGTH, padding);
                        segment.set(ValueLayout.JAVA_INT, offset + RECORD_PID, 0);
                    }
                    long position = tail + padding;
                    writeHeader(ring.offsetOf(position), payload);
                    LONG.setRelease(segment, TAIL_OFFSET, tail + need);
                    ring.countAlone(MESSAGES_SENT_OFFSET, 1);
                    ring.countAlone(BYTES_SENT_OFFSET, payload);
                    return position;
                }
            } finally {
                LONG.setRelease(segment, CLAIM_LOCK_OFFSET, 0L);
            }
            if (!waited) {
                ring.count(FULL_RING_WAITS_OFFSET, 1);
                deadline = System.nanoTime() + timeout;
                waited = true;
            }
            if (!waitForRoom || !awaitRoom(need, deadline)) {
                return -1;
            }
        }
    }

    /** Under the lock: whether {@code need} bytes fit after {@code tail}; refreshes the head cache if not sure. */
    private boolean hasRoom(long tail, long need) {
        long cached = segment.get(ValueLayout.JAVA_LONG, HEAD_CACHE_OFFSET);
        long used = tail - cached;
        if (used >= 0 && used <= ring.capacity && used + need <= ring.capacity) {
            return true;
        }
        long head = ring.head();
        ring.requireSane(head, tail);
        segment.set(ValueLayout.JAVA_LONG, HEAD_CACHE_OFFSET, head);
        return tail - head + need <= ring.capacity;
    }

    /**
     * The header of a record being written: its negated length and the writer, checked if the
     * writer dies. Two 64-bit stores of the four 32-bit fields (in this host's byte order).
     */
    private void writeHeader(long offset, int payload) {
        segment.set(ValueLayout.JAVA_LONG, offset + RECORD_LENGTH, pack(-(RECORD_HEADER + payload), pid));
        segment.set(ValueLayout.JAVA_LONG, offset + RECORD_PID_NAMESPACE, identityTail);
    }

    /** {@return the long whose bytes are the int {@code first} followed by the int {@code second}} */
    static long pack(int first, int second) {
        return Layout.LITTLE_ENDIAN ? (long) second << 32 | (first & 0xFFFFFFFFL)
                : (long) first << 32 | (second & 0xFFFFFFFFL);
    }

    /**
     * Takes the claim lock, or returns false after {@code timeout} nanoseconds, or throws if
     * {@code interruptible} and the thread is interrupted meanwhile. A holder found
     * dead (checked once per check interval) loses the lock to this thread; its half-made claim is
     * harmless, since the tail, moved last, says what was claimed.
     */
    private boolean lock(long timeout, boolean interruptible) {
        if (LONG.compareAndSet(segment, CLAIM_LOCK_OFFSET, 0L, lockWord)) {
            return true;
        }
        long since = System.nanoTime();
        long deadline = since + Math.max(0, timeout);
        long nextCheck = since + waiter.intervalNanos();
        while (true) {
            long holder = (long) LONG.getAcquire(segment, CLAIM_LOCK_OFFSET);
            if (holder == 0) {
                if (LONG.compareAndSet(segment, CLAIM_LOCK_OFFSET, 0L, lockWord)) {
                    return true;
                }
                continue;
            }
            long now = System.nanoTime();
            if (now - nextCheck >= 0) {
                nextCheck = now + waiter.intervalNanos();
                ring.requireNotRemoved("send");
                ProcessIdentity owner = new ProcessIdentity(ProcessIdentity.pidOf(holder),
                        ProcessIdentity.namespaceOf(holder), 0);
                if (owner.isCertainlyDead() && LONG.compareAndSet(segment, CLAIM_LOCK_OFFSET, holder, lockWord)) {
                    ring.count(LOCK_BREAKS_OFFSET, 1);
                    return true;
                }
            }
            if (now - deadline >= 0) {
                return false;
            }
            if (interruptible && Thread.currentThread().isInterrupted()) {
                throw interrupted();
            }
            waiter.pause(since);
        }
    }

    /**
     * Waits, without the lock, until {@code need} bytes fit after the tail as far as one can
     * tell without it, or until the deadline: spins, yields, then sleeps on the producers'
     * semaphore after saying so in the header (docs/channel.md, "Waking").
     */
    private boolean awaitRoom(long need, long deadline) {
        long since = System.nanoTime();
        while (true) {
            if (roomSeen(need)) {
                waiter.waited(since);
                return true;
            }
            if (Thread.currentThread().isInterrupted()) {
                throw interrupted(); // seen within one step of the spin or the yielding, and after a sleep
            }
            if (waiter.backOff(since)) {
                continue;
            }
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            INT.getAndAdd(segment, PRODUCERS_SLEEPING_OFFSET, 1);
            VarHandle.fullFence();
            if (roomSeen(need)) {
                settleSleep();
                return true;
            }
            ring.count(PRODUCER_SLEEPS_OFFSET, 1);
            boolean woken;
            try {
                woken = waiter.sleep(PRODUCERS_SEMAPHORE, deadline);
            } catch (IpcInterruptedException e) {
                settleSleep();
                throw interrupted();
            }
            if (!woken) {
                settleSleep();
                if (waiter.segmentCheckDue()) {
                    ring.checkSegment("send");
                }
            }
        }
    }

    private boolean roomSeen(long need) {
        ring.requireNotRemoved("send");
        return ring.tail() - ring.head() + need <= ring.capacity;
    }

    /**
     * Takes back this thread's unit from the count of sleeping producers, or, if the consumer has
     * taken it already, the semaphore unit it posts for it (waiting at most one check interval,
     * even on an interrupted thread).
     */
    private void settleSleep() {
        while (true) {
            int sleeping = (int) INT.getAcquire(segment, PRODUCERS_SLEEPING_OFFSET);
            if (sleeping <= 0) {
                break;
            }
            if (INT.compareAndSet(segment, PRODUCERS_SLEEPING_OFFSET, sleeping, sleeping - 1)) {
                return;
            }
        }
        waiter.takePostedUnit(PRODUCERS_SEMAPHORE);
    }

    /** A send that may wait does not start on an interrupted thread, even if the ring has room. */
    private void requireNotInterrupted() {
        if (Thread.currentThread().isInterrupted()) {
            throw interrupted();
        }
    }

    private IpcInterruptedException interrupted() {
        return ring.interrupted("send", "nothing was sent");
    }

    static long timeoutNanos(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            return 0;
        }
        return timeout.compareTo(Duration.ofNanos(FOREVER_NANOS)) > 0 ? FOREVER_NANOS : timeout.toNanos();
    }

    /**
     * {@return the producer's channel, as {@code producer of channel in shared memory segment 5 (key 0x5e5e0001)}}
     */
    @Override
    public String toString() {
        return "producer of " + name;
    }
}
