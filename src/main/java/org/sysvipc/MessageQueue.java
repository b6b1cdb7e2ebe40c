package org.sysvipc;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import org.sysvipc.internal.Constants;
import org.sysvipc.internal.IpcKind;
import org.sysvipc.internal.Structs;
import org.sysvipc.internal.Syscalls;

/**
 * A System V message queue: typed messages of bytes between processes, as {@code msgget},
 * {@code msgsnd}, {@code msgrcv} and {@code msgctl} (and PHP's {@code msg_*}) use them.
 *
 * {@snippet :
 * MessageQueue queue = MessageQueue.open(IpcKey.ftok(Path.of("/etc/myapp"), 'q'), OpenMode.CREATE, 0600);
 * queue.send(1, "hello world".getBytes(StandardCharsets.UTF_8));
 * Message message = queue.receive(0);             // the first message of any type
 * queue.remove();
 * }
 *
 * <h2>Selecting by type</h2>
 * Receive methods take the type as {@code msgrcv} does: 0 takes the first message; a positive type
 * the first message of that type (or, with {@link ReceiveOption#EXCEPT}, of any other type); a
 * negative type the first message of the lowest type not above its absolute value.
 *
 * <h2>Buffers</h2>
 * Messages can come from and go to byte arrays, {@link ByteBuffer}s and {@link MemorySegment}s, which
 * are copied through a native buffer kept per thread (it grows only as far as the messages need), or
 * a {@link MessageBuffer}, which the calls use directly and which makes a send or receive allocate
 * nothing.
 *
 * <h2>Waiting</h2>
 * {@code send} waits while the queue is full and {@code receive} while no message matches; the
 * {@code try} methods return at once ({@code IPC_NOWAIT}) or, given a {@link Duration}, wait at most
 * that long, in the kernel, with no wake-up before a message or the deadline. A wait ends with
 * {@link IpcRemovedException} when the queue is removed, and with {@link IpcInterruptedException}
 * when the thread is interrupted; on a virtual thread it lets the carrier go (see the package
 * description). The kernel refuses a message above msgmax, but not one above the queue's maximum
 * bytes: sending that waits until the queue is removed, and {@code trySend} returns false.
 *
 * <h2>Threads</h2>
 * A queue is only its id: safe to share between threads.
 */
public final class MessageQueue extends AbstractIpcObject<MessageQueueStat> implements IpcObject {
    private MessageQueue(int id, IpcKey key) {
        super(IpcKind.MESSAGE_QUEUE, id, key);
    }

    /**
     * Opens the existing queue with this key.
     *
     * @param key the queue's key
     * @return the queue
     * @throws IllegalArgumentException     if the key is private
     * @throws IpcNotFoundException         if no queue has the key
     * @throws IpcPermissionDeniedException if the caller may not both read and write it
     */
    public static MessageQueue open(IpcKey key) {
        return open(key, OpenMode.OPEN_EXISTING, IpcPermissions.DEFAULT_MODE);
    }

    /**
     * Opens or creates the queue with this key.
     *
     * @param key         the queue's key; {@link IpcKey#PRIVATE} always creates a new queue
     * @param mode        whether to create it
     * @param permissions access bits for a queue this call creates, such as
     *                    {@link IpcPermissions#DEFAULT_MODE}; for a queue that exists, the access
     *                    the kernel checks the caller has (0 checks nothing, and the first send or
     *                    receive is then refused instead)
     * @return the queue
     * @throws IllegalArgumentException     if permissions has bits outside 0777, or the key is private
     *                                      with {@link OpenMode#OPEN_EXISTING}
     * @throws IpcNotFoundException         with {@link OpenMode#OPEN_EXISTING} if absent
     * @throws IpcAlreadyExistsException    with {@link OpenMode#CREATE_NEW} if present
     * @throws IpcPermissionDeniedException if the queue exists and the caller may not use it
     * @throws IpcLimitReachedException     if msgmni queues exist already
     */
    public static MessageQueue open(IpcKey key, OpenMode mode, int permissions) {
        int flags = openFlags(IpcKind.MESSAGE_QUEUE, key, mode, permissions);
        return new MessageQueue(gotId(IpcKind.MESSAGE_QUEUE, "msgget", key, Syscalls.msgget(key.value(), flags),
                errno -> null), key);
    }

    /**
     * Creates a new queue no key finds, readable and writable by its owner only.
     *
     * @return the queue
     * @throws IpcLimitReachedException if msgmni queues exist already
     */
    public static MessageQueue createPrivate() {
        return open(IpcKey.PRIVATE, OpenMode.CREATE_NEW, IpcPermissions.DEFAULT_MODE);
    }

    /**
     * Gives a handle to the queue with {@code id}, such as one another process created and passed
     * on, or one {@link IpcListing} reports. Its key is read from the queue, whatever its access bits
     * ({@code MSG_STAT_ANY}, as {@code ipcs} reads it; {@code IPC_STAT} before Linux 4.17).
     *
     * @param id the queue's id
     * @return the queue
     * @throws IllegalArgumentException if id is negative
     * @throws IpcNotFoundException     if no queue has the id (any more)
     * @throws IpcException             for any other failure of {@code msgctl}
     */
    public static MessageQueue ofId(int id) {
        return ofId(IpcKind.MESSAGE_QUEUE, id, (found, key, state) -> new MessageQueue(found, key));
    }

    // ---- sending

    /**
     * Sends a message, waiting while the queue is full.
     *
     * @param type the message's type, positive
     * @param data the message's bytes
     * @throws IllegalArgumentException if type is not positive
     * @throws IpcTooLargeException     if the message is above msgmax
     * @throws IpcRemovedException      if the queue is or gets removed
     * @throws IpcInterruptedException  if the thread is interrupted before or while it waits
     */
    public void send(long type, byte[] data) {
        send(type, MemorySegment.ofArray(data));
    }

    /**
     * Sends the buffer's remaining bytes as a message, waiting while the queue is full; the
     * buffer's position moves to its limit once sent.
     *
     * @param type the message's type, positive
     * @param data the message's bytes
     * @throws IllegalArgumentException if type is not positive
     * @throws IpcTooLargeException     if the message is above msgmax
     * @throws IpcRemovedException      if the queue is or gets removed
     * @throws IpcInterruptedException  if the thread is interrupted before or while it waits
     */
    public void send(long type, ByteBuffer data) {
        send(type, MemorySegment.ofBuffer(data));
        data.position(data.limit());
    }

    /**
     * Sends the segment's bytes as a message, waiting while the queue is full.
     *
     * @param type the message's type, positive
     * @param data the message's bytes
     * @throws IllegalArgumentException if type is not positive
     * @throws IpcTooLargeException     if the message is above msgmax
     * @throws IpcRemovedException      if the queue is or gets removed
     * @throws IpcInterruptedException  if the thread is interrupted before or while it waits
     */
    public void send(long type, MemorySegment data) {
        MessageTransfer.sendCopy(this, type, data, 0, false, 0);
    }

    /**
     * Sends the message in {@code buffer}, waiting while the queue is full. Allocates nothing.
     *
     * @param buffer the message, as {@link MessageBuffer#set(long, MemorySegment)} put it there, or
     *               as written in place with {@link MessageBuffer#setLength(int)}
     * @throws IllegalArgumentException if the type written in the buffer is not positive
     * @throws IpcTooLargeException     if the message is above msgmax
     * @throws IpcRemovedException      if the queue is or gets removed
     * @throws IpcInterruptedException  if the thread is interrupted before or while it waits
     */
    public void send(MessageBuffer buffer) {
        MessageTransfer.send(this, buffer, 0, false, 0);
    }

    /**
     * Sends a message unless the queue is full ({@code IPC_NOWAIT}).
     *
     * @param type the message's type, positive
     * @param data the message's bytes
     * @return whether it was sent; false if the queue was full
     * @throws IllegalArgumentException if type is not positive
     * @throws IpcTooLargeException     if the message is above msgmax
     * @throws IpcRemovedException      if the queue was removed
     */
    public boolean trySend(long type, byte[] data) {
        return trySend(type, MemorySegment.ofArray(data));
    }

    /**
     * Sends the segment's bytes as a message unless the queue is full ({@code IPC_NOWAIT}).
     *
     * @param type the message's type, positive
     * @param data the message's bytes
     * @return whether it was sent; false if the queue was full
     * @throws IllegalArgumentException if type is not positive
     * @throws IpcTooLargeException     if the message is above msgmax
     * @throws IpcRemovedException      if the queue was removed
     */
    public boolean trySend(long type, MemorySegment data) {
        return MessageTransfer.sendCopy(this, type, data, Constants.IPC_NOWAIT, false, 0);
    }

    /**
     * Sends the message in {@code buffer} unless the queue is full. Allocates nothing.
     *
     * @param buffer the message
     * @return whether it was sent; false if the queue was full
     * @throws IllegalArgumentException if the type written in the buffer is not positive
     * @throws IpcTooLargeException     if the message is above msgmax
     * @throws IpcRemovedException      if the queue was removed
     */
    public boolean trySend(MessageBuffer buffer) {
        return MessageTransfer.send(this, buffer, Constants.IPC_NOWAIT, false, 0);
    }

    /**
     * Sends a message, waiting at most {@code timeout} while the queue is full.
     *
     * @param type    the message's type, positive
     * @param data    the message's bytes
     * @param timeout how long to wait at most; zero or negative does not wait
     * @return whether it was sent; false if the queue stayed full until the time was up
     * @throws IllegalArgumentException if type is not positive
     * @throws IpcTooLargeException     if the message is above msgmax
     * @throws IpcRemovedException      if the queue is or gets removed
     * @throws IpcInterruptedException  if the thread is interrupted before or while it waits
     */
    public boolean trySend(long type, byte[] data, Duration timeout) {
        return MessageTransfer.sendCopy(this, type, MemorySegment.ofArray(data), 0, true, Timeouts.deadline(timeout));
    }

    /**
     * Sends the message in {@code buffer}, waiting at most {@code timeout} while the queue is full.
     * Allocates nothing unless it must wait.
     *
     * @param buffer  the message
     * @param timeout how long to wait at most; zero or negative does not wait
     * @return whether it was sent; false if the queue stayed full until the time was up
     * @throws IllegalArgumentException if the type written in the buffer is not positive
     * @throws IpcTooLargeException     if the message is above msgmax
     * @throws IpcRemovedException      if the queue is or gets removed
     * @throws IpcInterruptedException  if the thread is interrupted before or while it waits
     */
    public boolean trySend(MessageBuffer buffer, Duration timeout) {
        return MessageTransfer.send(this, buffer, 0, true, Timeouts.deadline(timeout));
    }

    // ---- receiving into new arrays

    /**
     * Receives a message into a new array, waiting until one matches.
     *
     * @param type    which message, as the class description says
     * @param options {@link ReceiveOption#EXCEPT} or none; {@link ReceiveOption#TRUNCATE} needs a length
     * @return the message
     * @throws IpcRemovedException if the queue is or gets removed
     * @throws IpcInterruptedException if the thread is interrupted before or while it waits
     */
    public Message receive(long type, ReceiveOption... options) {
        return receive(type, Integer.MAX_VALUE, MessageTransfer.flags(options, false));
    }

    /**
     * Receives a message into a new array if one matches now ({@code IPC_NOWAIT}).
     *
     * @param type    which message, as the class description says
     * @param options {@link ReceiveOption#EXCEPT} or none
     * @return the message, or empty if none matched
     * @throws IpcRemovedException if the queue was removed
     */
    public Optional<Message> tryReceive(long type, ReceiveOption... options) {
        return Optional.ofNullable(receive(type, Integer.MAX_VALUE,
                MessageTransfer.flags(options, false) | Constants.IPC_NOWAIT));
    }

    /**
     * Receives a message of at most {@code maxLength} bytes into a new array, waiting until one
     * matches, as {@code msgrcv} with that size does.
     *
     * @param type      which message, as the class description says
     * @param maxLength the longest message accepted, in bytes, at least 0
     * @param options   {@link ReceiveOption#TRUNCATE} (cut a longer message to {@code maxLength}),
     *                  {@link ReceiveOption#EXCEPT}, both or none
     * @return the message
     * @throws IllegalArgumentException if maxLength is negative
     * @throws IpcTooLargeException     if the message is longer and TRUNCATE was not given; it stays in the queue
     * @throws IpcRemovedException      if the queue is or gets removed
     * @throws IpcInterruptedException  if the thread is interrupted before or while it waits
     */
    public Message receive(long type, int maxLength, ReceiveOption... options) {
        return receive(type, requireLength(maxLength), MessageTransfer.flags(options, true));
    }

    /**
     * Receives a message of at most {@code maxLength} bytes into a new array if one matches now.
     *
     * @param type      which message, as the class description says
     * @param maxLength the longest message accepted, in bytes, at least 0
     * @param options   {@link ReceiveOption#TRUNCATE}, {@link ReceiveOption#EXCEPT}, both or none
     * @return the message, or empty if none matched
     * @throws IllegalArgumentException if maxLength is negative
     * @throws IpcTooLargeException     if the message is longer and TRUNCATE was not given; it stays in the queue
     * @throws IpcRemovedException      if the queue was removed
     */
    public Optional<Message> tryReceive(long type, int maxLength, ReceiveOption... options) {
        return Optional.ofNullable(receive(type, requireLength(maxLength),
                MessageTransfer.flags(options, true) | Constants.IPC_NOWAIT));
    }

    /**
     * Receives a message into a new array, waiting at most {@code timeout} for one to match.
     *
     * @param type    which message, as the class description says
     * @param timeout how long to wait at most; zero or negative checks once
     * @param options {@link ReceiveOption#EXCEPT} or none
     * @return the message, or empty if none matched in time
     * @throws IpcRemovedException     if the queue is or gets removed
     * @throws IpcInterruptedException if the thread is interrupted before or while it waits
     */
    public Optional<Message> receive(long type, Duration timeout, ReceiveOption... options) {
        return Optional.ofNullable(MessageTransfer.receiveNew(this, type, Integer.MAX_VALUE,
                MessageTransfer.flags(options, false), true, Timeouts.deadline(timeout)));
    }

    /**
     * Copies the message at {@code position} (0 is the oldest) without removing it
     * ({@code MSG_COPY}). It exists for checkpointing and debugging: other receivers may take the
     * message meanwhile. Needs a kernel built with {@code CONFIG_CHECKPOINT_RESTORE}.
     *
     * @param position the message's place in the queue, from 0
     * @return the message, or empty if the queue has no message there
     * @throws IllegalArgumentException      if position is negative
     * @throws UnsupportedOperationException if the kernel lacks MSG_COPY
     */
    public Optional<Message> peek(long position) {
        if (position < 0) {
            throw new IllegalArgumentException("a position is not negative, was " + position);
        }
        try {
            return Optional.ofNullable(receive(position, Integer.MAX_VALUE, Constants.MSG_COPY | Constants.IPC_NOWAIT));
        } catch (IpcException e) {
            if (e.errno() == Errno.ENOSYS) {
                throw new UnsupportedOperationException("this kernel has no MSG_COPY", e);
            }
            throw e;
        }
    }

    private Message receive(long type, int maxLength, int flags) {
        return MessageTransfer.receiveNew(this, type, maxLength, flags, false, 0);
    }

    private static int requireLength(int maxLength) {
        if (maxLength < 0) {
            throw new IllegalArgumentException("a maximum length is not negative, was " + maxLength);
        }
        return maxLength;
    }

    // ---- receiving into the caller's buffers

    /**
     * Receives a message into the caller's buffer, waiting until one matches. Allocates nothing.
     *
     * @param type   which message, as the class description says
     * @param buffer where the message goes; its type, length and payload are the message's after
     * @throws IpcTooLargeException if the message is longer than the buffer; the message stays in the queue
     * @throws IpcRemovedException  if the queue is or gets removed
     * @throws IpcInterruptedException if the thread is interrupted before or while it waits
     */
    public void receive(long type, MessageBuffer buffer) {
        MessageTransfer.receive(this, buffer, buffer.capacity(), type, 0, false, 0);
    }

    /**
     * Receives a message into the caller's buffer if one matches now. Allocates nothing.
     *
     * @param type   which message, as the class description says
     * @param buffer where the message goes
     * @return whether a message was received
     * @throws IpcTooLargeException if the message is longer than the buffer
     * @throws IpcRemovedException  if the queue was removed
     */
    public boolean tryReceive(long type, MessageBuffer buffer) {
        return MessageTransfer.receive(this, buffer, buffer.capacity(), type, Constants.IPC_NOWAIT, false, 0) >= 0;
    }

    /**
     * Receives a message into the caller's buffer, waiting at most {@code timeout} for one to
     * match. Allocates nothing unless it must wait.
     *
     * @param type    which message, as the class description says
     * @param buffer  where the message goes
     * @param timeout how long to wait at most; zero or negative checks once
     * @param options {@link ReceiveOption#TRUNCATE}, {@link ReceiveOption#EXCEPT}, both or none
     * @return whether a message was received
     * @throws IpcTooLargeException    if the message is longer than the buffer and TRUNCATE was not given
     * @throws IpcRemovedException     if the queue is or gets removed
     * @throws IpcInterruptedException if the thread is interrupted before or while it waits
     */
    public boolean tryReceive(long type, MessageBuffer buffer, Duration timeout, ReceiveOption... options) {
        return MessageTransfer.receive(this, buffer, buffer.capacity(), type, MessageTransfer.flags(options, true),
                true, Timeouts.deadline(timeout)) >= 0;
    }

    /**
     * Receives a message into the caller's buffer, waiting until one matches. Allocates nothing.
     *
     * @param type    which message, as the class description says
     * @param buffer  where the message goes; its type, length and payload are the message's after
     * @param options {@link ReceiveOption#TRUNCATE}, {@link ReceiveOption#EXCEPT}, both or none
     * @throws IpcTooLargeException if the message is longer than the buffer and TRUNCATE was not given;
     *                              the message stays in the queue
     * @throws IpcRemovedException  if the queue is or gets removed
     * @throws IpcInterruptedException if the thread is interrupted before or while it waits
     */
    public void receive(long type, MessageBuffer buffer, ReceiveOption... options) {
        MessageTransfer.receive(this, buffer, buffer.capacity(), type, MessageTransfer.flags(options, true), false, 0);
    }

    /**
     * Receives a message into the caller's buffer if one matches now. Allocates nothing.
     *
     * @param type    which message, as the class description says
     * @param buffer  where the message goes
     * @param options {@link ReceiveOption#TRUNCATE}, {@link ReceiveOption#EXCEPT}, both or none
     * @return whether a message was received
     * @throws IpcTooLargeException if the message is longer than the buffer and TRUNCATE was not given
     * @throws IpcRemovedException  if the queue was removed
     */
    public boolean tryReceive(long type, MessageBuffer buffer, ReceiveOption... options) {
        return MessageTransfer.receive(this, buffer, buffer.capacity(), type,
                MessageTransfer.flags(options, true) | Constants.IPC_NOWAIT, false, 0) >= 0;
    }

    /**
     * Receives a message's bytes into the caller's {@link ByteBuffer} at its position, waiting until
     * one matches; the position moves past them.
     *
     * @param type    which message, as the class description says
     * @param into    where the bytes go; its remaining space is the most a message may have
     * @param options {@link ReceiveOption#TRUNCATE}, {@link ReceiveOption#EXCEPT}, both or none
     * @return the received message's type
     * @throws IpcTooLargeException if the message is longer than the remaining space and TRUNCATE was
     *                              not given; the message stays in the queue
     * @throws IpcRemovedException  if the queue is or gets removed
     * @throws IpcInterruptedException if the thread is interrupted before or while it waits
     */
    public long receive(long type, ByteBuffer into, ReceiveOption... options) {
        if (into.isReadOnly()) {
            throw new IllegalArgumentException("cannot receive into a read-only buffer");
        }
        MessageBuffer scratch = MessageTransfer.scratch(into.remaining());
        // msgrcv is told the caller's capacity, so its size checks are the caller's buffer's
        MessageTransfer.receive(this, scratch, into.remaining(), type, MessageTransfer.flags(options, true), false, 0);
        into.put(scratch.payload().asByteBuffer());
        return scratch.type();
    }

    // ---- control

    /**
     * Reads the queue's state ({@code IPC_STAT}).
     *
     * @return the state now
     * @throws IpcPermissionDeniedException if the caller may not read the queue
     * @throws IpcRemovedException          if the queue was removed
     */
    public MessageQueueStat stat() {
        return readStat();
    }

    /**
     * Changes the most bytes the queue may hold ({@code msg_qbytes}, via {@code IPC_SET}), keeping
     * its owner and mode. Raising it above msgmnb needs {@code CAP_SYS_RESOURCE}. Like
     * {@link #setPermissions}, it needs ownership, not read access.
     *
     * @param maxBytes the new maximum, positive
     * @throws IllegalArgumentException     if maxBytes is not positive
     * @throws IpcPermissionDeniedException (EPERM) if the caller may not change it
     * @throws IpcRemovedException          if the queue was removed
     */
    public void setMaxBytes(long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("a queue's maximum bytes must be positive, was " + maxBytes);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = stateForSet(arena);
            Structs.setQueueMaxBytes(state, maxBytes);
            check(kind.set(id, state), "IPC_SET");
        }
    }

    /** IPC_SET sets msg_qbytes and the owner and mode together: read them first with MSG_STAT_ANY, which checks no access. */
    @Override
    MemorySegment stateForSet(Arena arena) {
        MemorySegment state = kind.allocateState(arena);
        check(kind.statAnyAccess(id, state), "MSG_STAT_ANY");
        return state;
    }
}
