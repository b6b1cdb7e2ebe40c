package org.sysvipc.channel;

import static org.sysvipc.channel.Layout.*;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Objects;
import org.sysvipc.IpcInterruptedException;
import org.sysvipc.MessageBuffer;

/**
 * Takes messages out of a {@link Channel}, the one consumer it has at a time. Each message is
 * received once, and those of one producer in the order it sent them.
 *
 * <p>Receiving forms: into a {@link MessageBuffer} (a copy), or without copying, by a
 * {@link MessageHandler} called with a view of the message in the ring. Each comes as
 * {@code receive} (waits while the ring is empty), {@code tryReceive} (does not wait) and a timed
 * {@code receive}; {@link #drain(MessageHandler, int)} hands over every message there is, up to a
 * limit, in one call. Steady state allocates nothing.
 *
 * <p>The consumer's position (the head) is in the segment, moved past each message once it is
 * consumed. If the consumer's process dies, a consumer opened in another process continues from
 * there; a message whose handler was running when the process died is received again. Closing the
 * consumer lets another one be opened at once.
 *
 * <p><b>Waiting.</b> {@code receive} and its timed form spin, yield and then sleep in
 * {@code semtimedop} as the {@link WaitPolicy} says, platform and virtual threads alike: on a
 * virtual thread the sleep lets the carrier go (only the bounded spin holds it), and a timed
 * receive sleeps in the kernel until a message comes or its deadline passes, waking in between only
 * at the policy's check interval. An interrupt ends the wait, in any phase, with
 * {@link org.sysvipc.IpcInterruptedException}, the interrupt status left set: the call took
 * nothing, and the next message stays for the next receive; an interrupted thread does not
 * start to wait, even when a message is there. The {@code try} forms and {@code drain} never wait
 * and ignore the interrupt status.
 *
 * <p>Use a consumer from one thread at a time. A handler must not call its own consumer.
 */
public final class ChannelConsumer implements AutoCloseable {
    private final Channel channel;
    private final Ring ring;
    private final MemorySegment segment;
    private final Waiter waiter;
    private final long identity;
    /** The next record to read. */
    private long head;
    /** The tail as last read: records up to here need no new read of the tail. */
    private long tailSeen;
    /** The position of a record in progress being watched, and since when, to check its writer once per interval. */
    private long watchedPosition = -1;
    private long watchedSince;
    /** The message {@link #findMessage()} found, checked: its type, payload offset and length, and the record after it. */
    private long messageType;
    private long messageOffset;
    private int messageLength;
    private long messageNext;
    private boolean delivering;
    /** The head when the current call began: if it moved, the call freed room. */
    private long headAtBegin;
    /** Messages and bytes consumed in the current call, added to the header's counters at its end. */
    private long consumedMessages;
    private long consumedBytes;
    private boolean closed;

    private ChannelConsumer(Channel channel, Ring ring, WaitPolicy policy) {
        this.channel = channel;
        this.ring = ring;
        this.segment = ring.segment;
        this.waiter = new Waiter(ring.semaphores, policy);
        this.identity = ProcessIdentity.CURRENT.word();
    }

    /** Becomes the channel's consumer, replacing one whose process is dead. */
    static ChannelConsumer open(Channel channel, Ring ring, WaitPolicy policy) {
        ChannelConsumer consumer = new ChannelConsumer(channel, ring, policy);
        ConsumerRole.claim(ring, consumer.identity, channel.toString());
        try {
            consumer.head = ring.head();
            consumer.tailSeen = consumer.head;
            ring.requireSane(consumer.head, ring.tail());
        } catch (RuntimeException e) {
            ConsumerRole.release(ring, consumer.identity);
            throw e;
        }
        return consumer;
    }

    /**
     * Receives the next message into {@code buffer}, waiting while there is none.
     *
     * @param buffer where the message's type and bytes go; it must hold the message
     * @throws IllegalArgumentException        if the message is longer than the buffer's capacity (it stays)
     * @throws org.sysvipc.IpcRemovedException if the channel is removed, before or while this waits
     * @throws org.sysvipc.IpcInterruptedException if the thread is interrupted before the call or
     *                                             while it waits; nothing was received, and the
     *                                             interrupt status stays set
     * @throws ChannelFormatException          if the ring holds what no producer writes
     * @throws IllegalStateException           if the consumer or its channel was closed
     */
    public void receive(MessageBuffer buffer) {
        receiveCopy(buffer, ChannelProducer.FOREVER_NANOS, true);
    }

    /**
     * Receives the next message into {@code buffer} if there is one now.
     *
     * @param buffer where the message's type and bytes go; it must hold the message
     * @return true if a message was received, false if there was none
     * @throws IllegalArgumentException        if the message is longer than the buffer's capacity (it stays)
     * @throws org.sysvipc.IpcRemovedException if the channel was removed
     * @throws ChannelFormatException          if the ring holds what no producer writes
     * @throws IllegalStateException           if the consumer or its channel was closed
     */
    public boolean tryReceive(MessageBuffer buffer) {
        return receiveCopy(buffer, 0, false);
    }

    /**
     * Receives the next message into {@code buffer}, waiting at most {@code timeout} for one.
     *
     * @param buffer  where the message's type and bytes go; it must hold the message
     * @param timeout how long to wait; zero or negative does not wait
     * @return true if a message was received, false if the time ran out
     * @throws IllegalArgumentException        if the message is longer than the buffer's capacity (it stays)
     * @throws org.sysvipc.IpcRemovedException if the channel is removed, before or while this waits
     * @throws org.sysvipc.IpcInterruptedException if the thread is interrupted before the call or
     *                                             while it waits; nothing was received, and the
     *                                             interrupt status stays set
     * @throws ChannelFormatException          if the ring holds what no producer writes
     * @throws IllegalStateException           if the consumer or its channel was closed
     */
    public boolean receive(MessageBuffer buffer, Duration timeout) {
        return receiveCopy(buffer, ChannelProducer.timeoutNanos(timeout), true);
    }

    /**
     * Hands the next message to {@code handler}, waiting while there is none.
     *
     * @param handler called once, with the message's type and a view of its bytes
     * @throws org.sysvipc.IpcRemovedException if the channel is removed, before or while this waits
     * @throws org.sysvipc.IpcInterruptedException if the thread is interrupted before the call or
     *                                             while it waits; nothing was received, and the
     *                                             interrupt status stays set
     * @throws ChannelFormatException          if the ring holds what no producer writes
     * @throws IllegalStateException           if the consumer or its channel was closed, or this is
     *                                         called from one of its handlers
     */
    public void receive(MessageHandler handler) {
        await(Objects.requireNonNull(handler, "handler"), null, ChannelProducer.FOREVER_NANOS, true);
    }

    /**
     * Hands the next message to {@code handler} if there is one now.
     *
     * @param handler called once, with the message's type and a view of its bytes, if there is a message
     * @return true if a message was handled, false if there was none
     * @throws org.sysvipc.IpcRemovedException if the channel was removed
     * @throws ChannelFormatException          if the ring holds what no producer writes
     * @throws IllegalStateException           if the consumer or its channel was closed, or this is
     *                                         called from one of its handlers
     */
    public boolean tryReceive(MessageHandler handler) {
        return await(Objects.requireNonNull(handler, "handler"), null, 0, false);
    }

    /**
     * Hands the next message to {@code handler}, waiting at most {@code timeout} for one.
     *
     * @param handler called once, with the message's type and a view of its bytes, if a message comes
     * @param timeout how long to wait; zero or negative does not wait
     * @return true if a message was handled, false if the time ran out
     * @throws org.sysvipc.IpcRemovedException if the channel is removed, before or while this waits
     * @throws org.sysvipc.IpcInterruptedException if the thread is interrupted before the call or
     *                                             while it waits; nothing was received, and the
     *                                             interrupt status stays set
     * @throws ChannelFormatException          if the ring holds what no producer writes
     * @throws IllegalStateException           if the consumer or its channel was closed, or this is
     *                                         called from one of its handlers
     */
    public boolean receive(MessageHandler handler, Duration timeout) {
        return await(Objects.requireNonNull(handler, "handler"), null, ChannelProducer.timeoutNanos(timeout), true);
    }

    /**
     * Hands every message that is in the ring now to {@code handler}, up to {@code limit}, without
     * waiting: the batch form, which reads the tail once for many messages and wakes sleeping
     * producers once.
     *
     * @param handler called once per message, in order
     * @param limit   the most messages to hand over, at least 1
     * @return how many messages were handled, 0 if there were none
     * @throws IllegalArgumentException        if limit is less than 1
     * @throws org.sysvipc.IpcRemovedException if the channel was removed
     * @throws ChannelFormatException          if the ring holds what no producer writes
     * @throws IllegalStateException           if the consumer or its channel was closed, or this is
     *                                         called from one of its handlers
     */
    public int drain(MessageHandler handler, int limit) {
        Objects.requireNonNull(handler, "handler");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        begin();
        int handled = 0;
        try {
            while (handled < limit && findMessage()) {
                deliver(handler);
                handled++;
            }
        } finally {
            end();
        }
        if (handled == 0) {
            ring.requireNotRemoved("drain");
        }
        return handled;
    }

    private boolean receiveCopy(MessageBuffer buffer, long timeout, boolean wait) {
        return await(null, Objects.requireNonNull(buffer, "buffer"), timeout, wait);
    }

    /**
     * Delivers one message to the handler, or copies it to the target if there is one, waiting
     * for it at most {@code timeout} nanoseconds if {@code wait}; the clock is read only once a
     * wait begins.
     */
    private boolean await(MessageHandler handler, MessageBuffer target, long timeout, boolean wait) {
        begin();
        try {
            if (wait && Thread.currentThread().isInterrupted()) {
                throw interrupted(); // as every call that may wait: an interrupted thread does not start
            }
            long since = 0;
            long deadline = 0;
            while (true) {
                if (findMessage()) {
                    if (since != 0) {
                        waiter.waited(since);
                    }
                    if (target != null) {
                        copy(target);
                    } else {
                        deliver(handler);
                    }
                    return true;
                }
                ring.requireNotRemoved("receive");
                if (!wait) {
                    return false;
                }
                if (Thread.currentThread().isInterrupted()) {
                    throw interrupted(); // seen within one step of the spin or the yielding, and after a sleep
                }
                if (since == 0) {
                    since = System.nanoTime();
                    deadline = since + timeout;
                }
                if (waiter.backOff(since)) {
                    continue;
                }
                if (System.nanoTime() - deadline >= 0) {
                    return false;
                }
                sleep(deadline);
            }
        } finally {
            end();
        }
    }

    private void begin() {
        if (closed) {
            throw new IllegalStateException("the consumer of " + channel + " is closed");
        }
        if (delivering) {
            throw new IllegalStateException("a message handler called its own consumer");
        }
        delivering = true;
        headAtBegin = head;
    }

    /** Ends a call: counts what it consumed; if it freed room, wakes producers that sleep for it. */
    private void end() {
        delivering = false;
        if (consumedMessages != 0) {
            ring.countAlone(MESSAGES_RECEIVED_OFFSET, consumedMessages);
            ring.countAlone(BYTES_RECEIVED_OFFSET, consumedBytes);
            consumedMessages = 0;
            consumedBytes = 0;
        }
        if (head != headAtBegin) {
            ring.wakeProducers();
        }
    }

    /**
     * Finds the committed message at the head, skipping padding, aborted records, and records
     * whose writer died, and checks it all: returns false if there is none (yet). The caller
     * delivers it; a separate call keeps this one out of the caller's compiled code and the view
     * handed to the handler in it, where escape analysis can drop the view's allocation.
     */
    private boolean findMessage() {
        while (true) {
            if (head == tailSeen) {
                tailSeen = ring.tail();
                ring.requireSane(head, tailSeen);
                if (head == tailSeen) {
                    return false;
                }
            }
            long offset = ring.offsetOf(head);
            int index = (int) (head & ring.mask);
            long available = tailSeen - head;
            long lengthAndPid = (long) LONG.getAcquire(segment, offset + RECORD_LENGTH);
            int length = (int) (Layout.LITTLE_ENDIAN ? lengthAndPid : lengthAndPid >>> 32);
            if ((int) (Layout.LITTLE_ENDIAN ? lengthAndPid >>> 32 : lengthAndPid) == 0) {
                if (length != ring.capacity - index || length > available) {
                    throw ring.corrupt("a padding record of " + length + " bytes where " + (ring.capacity - index)
                            + " bytes are left to the ring's end", offset);
                }
                advance(head + length);
                continue;
            }
            int size = Math.abs(length);
            int space = align(size);
            if (length == 0 || length == Integer.MIN_VALUE || size < RECORD_HEADER
                    || size - RECORD_HEADER > ring.maxMessage || space > ring.capacity - index || space > available) {
                throw ring.corrupt("a record length of " + length + " where " + available
                        + " bytes are claimed and messages have at most " + ring.maxMessage, offset);
            }
            if (length < 0) {
                if (!writerIsDead(offset)) {
                    return false;
                }
                ring.countAlone(ABANDONED_OFFSET, 1);
                advance(head + space);
                continue;
            }
            long type = segment.get(ValueLayout.JAVA_LONG, offset + RECORD_TYPE);
            if (type < 0) {
                throw ring.corrupt("a message type of " + type, offset + RECORD_TYPE);
            }
            if (type == 0) {
                advance(head + space); // its producer could not read its message
                continue;
            }
            messageType = type;
            messageOffset = offset + RECORD_HEADER;
            messageLength = size - RECORD_HEADER;
            messageNext = head + space;
            return true;
        }
    }

    /** Hands the message found to the handler; it is consumed when the handler returns or throws. */
    private void deliver(MessageHandler handler) {
        try {
            handler.onMessage(messageType, ring.readOnly.asSlice(messageOffset, messageLength));
        } finally {
            consumed();
        }
    }

    /** Copies the message found to the target, if it fits; it stays if not. */
    private void copy(MessageBuffer target) {
        if (messageLength > target.capacity()) {
            throw new IllegalArgumentException("a message of " + messageLength + " bytes does not fit a buffer of "
                    + target.capacity() + "; it stays in " + channel);
        }
        try {
            target.set(messageType, ring.readOnly.asSlice(messageOffset, messageLength));
        } finally {
            consumed();
        }
    }

    private void consumed() {
        advance(messageNext);
        consumedMessages++;
        consumedBytes += messageLength;
    }

    private void advance(long next) {
        head = next;
        ring.publishHead(next);
    }

    /**
     * Whether the writer of the in-progress record at {@code offset} is certainly dead; asked of
     * the system at most once per check interval for one record.
     */
    private boolean writerIsDead(long offset) {
        long now = System.nanoTime();
        if (watchedPosition != head) {
            watchedPosition = head;
            watchedSince = now;
            return false;
        }
        if (now - watchedSince < waiter.intervalNanos()) {
            return false;
        }
        watchedSince = now;
        ProcessIdentity writer = new ProcessIdentity(segment.get(ValueLayout.JAVA_INT, offset + RECORD_PID),
                segment.get(ValueLayout.JAVA_INT, offset + RECORD_PID_NAMESPACE),
                segment.get(ValueLayout.JAVA_INT, offset + RECORD_START_TIME));
        return writer.isCertainlyDead();
    }

    /**
     * Sleeps on the consumer's semaphore after saying so in the header, unless a message (or a
     * commit) came meanwhile (docs/channel.md, "Waking").
     */
    private void sleep(long deadline) {
        INT.setVolatile(segment, CONSUMER_SLEEPING_OFFSET, 1);
        VarHandle.fullFence();
        if (somethingToRead()) {
            settleSleep(false);
            return;
        }
        ring.count(CONSUMER_SLEEPS_OFFSET, 1);
        boolean woken;
        try {
            woken = waiter.sleep(CONSUMER_SEMAPHORE, deadline);
        } catch (IpcInterruptedException e) {
            settleSleep(false);
            throw interrupted();
        }
        settleSleep(woken);
        if (!woken && waiter.segmentCheckDue()) {
            ring.checkSegment("receive");
        }
    }

    private IpcInterruptedException interrupted() {
        return ring.interrupted("receive", "nothing was received: the next message stays in the channel");
    }

    /** After the fence: whether the tail moved past the head, other than by a record still in progress. */
    private boolean somethingToRead() {
        long tail = ring.tail();
        if (tail == head) {
            return false;
        }
        long offset = ring.offsetOf(head);
        return (int) INT.getAcquire(segment, offset + RECORD_LENGTH) >= 0
                || segment.get(ValueLayout.JAVA_INT, offset + RECORD_PID) == 0
                || watchedPosition == head && System.nanoTime() - watchedSince >= waiter.intervalNanos();
    }

    /**
     * Clears the sleeping flag if no producer has; if one has, it posts (or posted) a unit for
     * this sleep, which is taken here unless the sleep took it already, even on an interrupted
     * thread.
     */
    private void settleSleep(boolean woken) {
        if ((int) INT.getAcquire(segment, CONSUMER_SLEEPING_OFFSET) == 1
                && INT.compareAndSet(segment, CONSUMER_SLEEPING_OFFSET, 1, 0)) {
            return;
        }
        if (!woken) {
            waiter.takePostedUnit(CONSUMER_SEMAPHORE);
        }
    }

    /**
     * Gives up the consumer role, so that another consumer may be opened; later calls throw
     * {@link IllegalStateException}. Does nothing if already closed.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        channel.consumerClosed(this);
        ConsumerRole.release(ring, identity);
    }

    /**
     * {@return the consumer's channel and position, as {@code consumer of channel ... at position 4096}}
     */
    @Override
    public String toString() {
        return "consumer of " + channel + " at position " + head + (closed ? " (closed)" : "");
    }
}
