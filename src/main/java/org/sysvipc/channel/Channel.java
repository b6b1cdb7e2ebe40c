package org.sysvipc.channel;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.sysvipc.Errno;
import org.sysvipc.IpcAlreadyExistsException;
import org.sysvipc.IpcException;
import org.sysvipc.IpcKey;
import org.sysvipc.IpcNotFoundException;
import org.sysvipc.IpcObject;
import org.sysvipc.IpcPermissionDeniedException;
import org.sysvipc.IpcRemovedException;
import org.sysvipc.OpenMode;
import org.sysvipc.SemaphoreSet;
import org.sysvipc.SharedMemory;

/**
 * A message channel made of two System V objects: a shared memory segment that holds a header and
 * a ring of messages, and a semaphore set of two, on which an idle consumer or producer sleeps.
 * Many producers send, one consumer receives; messages have a positive {@code long} type like
 * {@code msgsnd}'s and up to {@link #maxMessageSize()} bytes. Messages go through the shared memory
 * only: the kernel is called only to put a side to sleep and to wake it.
 *
 * <p>A keyed channel's segment and set both have the channel's key, as {@code ipcs} shows; a private
 * one is found by its segment's id, and the set's id is in the header.
 * {@snippet :
 * // the service
 * try (Channel channel = Channel.create(key, 0600, 1 << 20, 4096);
 *      ChannelConsumer consumer = channel.openConsumer()) {
 *     while (running) {
 *         consumer.receive((type, message) -> handle(type, message)); // a view, valid during the call
 *     }
 * }
 * // each worker
 * try (Channel channel = Channel.open(key)) {
 *     channel.producer().send(1, MemorySegment.ofArray(report));
 * }
 * }
 *
 * <p>A {@code Channel} is an attachment of the segment: close it when done, which detaches it (and
 * gives up its consumer, if it opened one). Its producers and consumer work until then. It is
 * thread-safe; its consumer is for one thread at a time. The channel itself stays until
 * {@link #remove()}. {@code docs/channel.md} gives the layout byte by byte, the memory order of
 * each access and the wake-up protocol, which a C implementation in {@code c/channel} follows too.
 */
public final class Channel implements AutoCloseable {
    private final SharedMemory memory;
    private final SemaphoreSet semaphores;
    private final SharedMemory.Attachment attachment;
    private final Ring ring;
    private ChannelConsumer consumer;

    private Channel(SharedMemory memory, SemaphoreSet semaphores, SharedMemory.Attachment attachment,
            ChannelHeader.Geometry geometry) {
        this.memory = memory;
        this.semaphores = semaphores;
        this.attachment = attachment;
        this.ring = new Ring(attachment.segment(), memory, semaphores, geometry);
    }

    /**
     * Creates a channel with {@code key}: a segment of {@code 1024 + capacity} bytes and a set of two
     * semaphores, both new, both with the key and {@code permissions}.
     *
     * @param key            the channel's key; {@link IpcKey#PRIVATE} makes a private channel
     * @param permissions    the nine access bits of both objects, such as {@code 0600}; producers and
     *                       the consumer need read and write
     * @param capacity       the ring's size in bytes: a power of two from 1024 to 2<sup>30</sup>
     * @param maxMessageSize the most bytes a message may have; two of the largest records (24
     *                       header bytes and the message, rounded up to 8) must fit the ring
     * @return the channel, attached
     * @throws IllegalArgumentException     if the sizes do not fit or permissions has bits beyond {@code 0777}
     * @throws IpcAlreadyExistsException    if a segment or semaphore set has the key already
     * @throws IpcException                 if the kernel refuses either object (limits, permissions); nothing
     *                                      is left behind
     */
    public static Channel create(IpcKey key, int permissions, int capacity, int maxMessageSize) {
        Objects.requireNonNull(key, "key");
        String problem = Layout.sizeProblem(capacity, maxMessageSize);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        SemaphoreSet semaphores = SemaphoreSet.open(key, OpenMode.CREATE_NEW, permissions, Layout.SEMAPHORES);
        SharedMemory memory = null;
        SharedMemory.Attachment attachment = null;
        try {
            memory = SharedMemory.open(key, OpenMode.CREATE_NEW, permissions, Layout.HEADER_SIZE + (long) capacity);
            attachment = memory.attach();
            ChannelHeader.Geometry geometry = new ChannelHeader.Geometry(capacity, maxMessageSize, semaphores.id(),
                    key.value());
            ChannelHeader.initialize(attachment.segment(), geometry, ProcessIdentity.CURRENT.pid());
            return new Channel(memory, semaphores, attachment, geometry);
        } catch (RuntimeException e) {
            undo(e, attachment, memory, semaphores);
            throw e;
        }
    }

    /**
     * Creates a private channel, found by its segment's id ({@link #ofId(int)}), owner-only ({@code 0600}).
     *
     * @param capacity       the ring's size in bytes: a power of two from 1024 to 2<sup>30</sup>
     * @param maxMessageSize the most bytes a message may have
     * @return the channel, attached
     * @throws IllegalArgumentException if the sizes do not fit
     * @throws IpcException             if the kernel refuses either object; nothing is left behind
     */
    public static Channel createPrivate(int capacity, int maxMessageSize) {
        return create(IpcKey.PRIVATE, 0600, capacity, maxMessageSize);
    }

    /**
     * Opens the channel with {@code key}: attaches its segment, checks its header (waiting up to
     * 5 s for a creator still writing it), and opens its semaphore set.
     *
     * @param key the channel's key, not {@link IpcKey#PRIVATE}
     * @return the channel, attached
     * @throws IllegalArgumentException     if the key is private
     * @throws IpcNotFoundException         if no segment has the key
     * @throws IpcPermissionDeniedException if the caller may not read and write the segment or alter the set
     * @throws ChannelFormatException       if the segment is not a channel's, or its semaphore set is not the one
     *                                      with the key
     * @throws IpcRemovedException          if the channel's semaphore set is gone
     */
    public static Channel open(IpcKey key) {
        Objects.requireNonNull(key, "key");
        if (key.isPrivate()) {
            throw new IllegalArgumentException("IPC_PRIVATE names no existing channel; open a private one with ofId");
        }
        return attach(SharedMemory.open(key));
    }

    /**
     * Opens the channel whose segment has {@code segmentId}, such as a private channel's.
     *
     * @param segmentId the id of the channel's shared memory segment
     * @return the channel, attached
     * @throws IllegalArgumentException     if the id is negative
     * @throws IpcNotFoundException         if no segment has the id
     * @throws IpcPermissionDeniedException if the caller may not read and write the segment or alter the set
     * @throws ChannelFormatException       if the segment is not a channel's
     * @throws IpcRemovedException          if the channel's semaphore set is gone
     */
    public static Channel ofId(int segmentId) {
        return attach(SharedMemory.ofId(segmentId));
    }

    private static Channel attach(SharedMemory memory) {
        SharedMemory.Attachment attachment = memory.attach();
        try {
            ChannelHeader.Geometry geometry = ChannelHeader.check(attachment.segment(), memory.toString(),
                    ChannelHeader.INIT_WAIT_NANOS);
            SemaphoreSet semaphores;
            try {
                semaphores = SemaphoreSet.ofId(geometry.semaphoreSetId());
            } catch (IpcNotFoundException e) {
                throw new IpcRemovedException("semctl(IPC_STAT)", "semaphore set " + geometry.semaphoreSetId()
                        + " of " + memory, Errno.EIDRM.number(), "the channel's semaphore set is gone");
            }
            if (semaphores.size() < Layout.SEMAPHORES || semaphores.key().value() != geometry.key()) {
                throw new ChannelFormatException(memory.toString(), semaphores + " with "
                        + semaphores.size() + " semaphores is not the channel's set, which has key "
                        + IpcKey.of(geometry.key()) + " and two semaphores", Layout.SEMAPHORE_SET_OFFSET);
            }
            return new Channel(memory, semaphores, attachment, geometry);
        } catch (RuntimeException e) {
            undo(e, attachment, null, null);
            throw e;
        }
    }

    /**
     * Reads the statistics of the channel in {@code memory} if it is one, attaching it read-only for
     * the time it takes: a listing can call it on every segment, needing only read access.
     *
     * @param memory a shared memory segment
     * @return the channel's statistics, or empty if the segment is not a channel's (or not readable)
     */
    public static Optional<ChannelStats> statsOf(SharedMemory memory) {
        try (SharedMemory.Attachment attachment = memory.attachReadOnly()) {
            MemorySegment segment = attachment.segment();
            ChannelHeader.Geometry geometry = ChannelHeader.check(segment, memory.toString(), 0);
            return Optional.of(ChannelStats.read(segment, memory.id(), geometry));
        } catch (ChannelFormatException | IpcException e) {
            return Optional.empty();
        }
    }

    /**
     * {@return a producer with the {@linkplain WaitPolicy#defaults() default wait policy}}
     *
     * @throws IllegalStateException if the channel was closed
     */
    public ChannelProducer producer() {
        return producer(WaitPolicy.defaults());
    }

    /**
     * {@return a producer that waits for room as {@code policy} says}
     *
     * @param policy how to wait while the ring is full
     * @throws IllegalStateException if the channel was closed
     */
    public ChannelProducer producer(WaitPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        requireOpen();
        return new ChannelProducer(ring, policy, toString());
    }

    /**
     * Becomes the channel's consumer, with the {@linkplain WaitPolicy#defaults() default wait policy}.
     *
     * @return the consumer, which continues where the last one stopped
     * @throws ChannelBusyException  if another live consumer has the channel
     * @throws org.sysvipc.IpcRemovedException if the channel's semaphore set was removed as this took
     *                               the role over from a dead consumer; the role is let go again
     * @throws IllegalStateException if the channel was closed
     */
    public ChannelConsumer openConsumer() {
        return openConsumer(WaitPolicy.defaults());
    }

    /**
     * Becomes the channel's consumer, replacing one whose process has died. It continues from the
     * last message consumed.
     *
     * @param policy how to wait while the ring is empty
     * @return the consumer; close it to let another one take over
     * @throws ChannelBusyException   if another consumer has the channel, in a live process or one whose
     *                                liveness cannot be judged
     * @throws ChannelFormatException if the header's positions are not a channel's
     * @throws org.sysvipc.IpcRemovedException if the channel's semaphore set was removed as this took
     *                                the role over from a dead consumer; the role is let go again
     * @throws IllegalStateException  if the channel was closed
     */
    public synchronized ChannelConsumer openConsumer(WaitPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        requireOpen();
        ChannelConsumer opened = ChannelConsumer.open(this, ring, policy);
        consumer = opened;
        return opened;
    }

    synchronized void consumerClosed(ChannelConsumer closed) {
        if (consumer == closed) {
            consumer = null;
        }
    }

    /**
     * {@return the channel's statistics now, as any process attached to it sees them}
     *
     * @throws IllegalStateException if the channel was closed
     */
    public ChannelStats stats() {
        requireOpen();
        return ChannelStats.read(ring.segment, memory.id(), new ChannelHeader.Geometry(ring.capacity,
                ring.maxMessage, semaphores.id(), memory.key().value()));
    }

    /**
     * {@return the ring's size in bytes}
     */
    public int capacity() {
        return ring.capacity;
    }

    /**
     * {@return the most bytes a message may have}
     */
    public int maxMessageSize() {
        return ring.maxMessage;
    }

    /**
     * {@return the channel's shared memory segment}
     */
    public SharedMemory memory() {
        return memory;
    }

    /**
     * {@return the channel's semaphore set}
     */
    public SemaphoreSet semaphores() {
        return semaphores;
    }

    /**
     * Removes the channel: marks it removed in the header, so that a later send throws
     * {@link IpcRemovedException} and a receive returns the messages still in the ring, then throws
     * it instead of waiting; removes the semaphore set, which wakes every sleeping producer and
     * consumer with that exception; and removes the segment, which goes once the last process
     * detaches it. Attachments, this one included, stay usable until closed.
     *
     * <p>As {@code IPC_RMID} discards a queue's messages, removal ends the channel's: a send that
     * had claimed its room before the mark still completes, and its message is in the ring only for
     * a consumer that receives after it. To stop without losing messages, stop the producers first
     * and let the consumer drain the ring before removing it.
     *
     * @throws IpcPermissionDeniedException if the caller may not remove the objects
     * @throws IpcRemovedException          if the semaphore set or the segment was removed already
     * @throws IllegalStateException        if the channel was closed
     */
    public void remove() {
        requireOpen();
        Layout.INT.setVolatile(ring.segment, Layout.REMOVED_OFFSET, 1);
        IpcObject.removeAll(List.of(semaphores, memory));
    }

    /**
     * Detaches the segment, after closing this handle's consumer if it has one. Its producers and
     * consumer then throw {@link IllegalStateException}. Does nothing if already closed.
     *
     * @throws IllegalStateException if a thread of this process is using the segment in a native call
     */
    @Override
    public void close() {
        ChannelConsumer open;
        synchronized (this) {
            open = consumer;
        }
        if (open != null && attachment.isAttached()) {
            open.close();
        }
        attachment.close();
    }

    private void requireOpen() {
        if (!attachment.isAttached()) {
            throw new IllegalStateException(this + " is closed");
        }
    }

    private static void undo(RuntimeException failure, SharedMemory.Attachment attachment, SharedMemory memory,
            SemaphoreSet semaphores) {
        for (Runnable step : new Runnable[] {
            () -> {
                if (attachment != null) {
                    attachment.close();
                }
            },
            () -> {
                if (memory != null) {
                    memory.remove();
                }
            },
            () -> {
                if (semaphores != null) {
                    semaphores.remove();
                }
            }}) {
            try {
                step.run();
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
    }

    /**
     * {@return the channel as exception messages name it, such as
     * {@code channel in shared memory segment 5 (key 0x5e5e0001)}}
     */
    @Override
    public String toString() {
        return "channel in " + memory;
    }
}
