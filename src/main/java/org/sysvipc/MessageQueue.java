package org.sysvipc;

import static org.sysvipc.generated.SysvIpc.*;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.sysvipc.generated.msqid_ds;
import org.sysvipc.internal.Errors;
import org.sysvipc.internal.MsgCalls;
import org.sysvipc.internal.Platform;
import org.sysvipc.internal.Structs;

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
 * are copied through a native buffer kept per thread, or a {@link MessageBuffer}, which the calls use
 * directly and which makes a send or receive allocate nothing.
 *
 * <h2>Blocking, timeouts and removal</h2>
 * {@code send} blocks while the queue is full and {@code receive} while no message matches; the
 * {@code try} methods return at once instead ({@code IPC_NOWAIT}). A blocked call ends with
 * {@link IpcRemovedException} when the queue is removed, by this process or another. The kernel
 * refuses a message above msgmax, but not one above the queue's maximum bytes: sending that blocks
 * until the queue is removed, and {@code trySend} returns false. It is not
 * ended by {@link Thread#interrupt()}: a thread in a native call cannot be interrupted; a signal
 * that interrupts the call ({@code EINTR}) is retried. No system call receives with a timeout, so
 * {@link #receive(long, Duration, ReceiveOption...)} polls with {@code IPC_NOWAIT}, sleeping between
 * attempts from 50 µs up to 2 ms: it answers interrupts and its deadline, costs up to 500 wake-ups
 * a second while it waits, and may see a message up to 2 ms after it arrives. Use the blocking
 * receive where latency matters.
 *
 * <h2>Threads</h2>
 * A queue is only its id: safe to share between threads. A blocking call holds its thread in
 * native code for as long as it blocks; on a virtual thread it also holds the carrier thread, so
 * run long blocking receives on platform threads.
 */
public final class MessageQueue implements IpcObject {
    /** Per-thread native buffer for copying sends and receives; grown on demand. */
    private static final ThreadLocal<MessageBuffer> SCRATCH =
            ThreadLocal.withInitial(() -> MessageBuffer.allocate(Arena.ofAuto(), 8192));
    private static final long FIRST_POLL_NANOS = 50_000;
    private static final long MAX_POLL_NANOS = 2_000_000;

    private final int id;
    private final IpcKey key;

    private MessageQueue(int id, IpcKey key) {
        this.id = id;
        this.key = key;
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
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(mode, "mode");
        IpcPermissions.requireMode(permissions);
        if (key.isPrivate() && mode == OpenMode.OPEN_EXISTING) {
            throw new IllegalArgumentException("IPC_PRIVATE names no existing queue; use createPrivate or ofId");
        }
        Platform.requireSupported();
        int flags = switch (mode) {
            case OPEN_EXISTING -> permissions;
            case CREATE -> IPC_CREAT() | permissions;
            case CREATE_NEW -> IPC_CREAT() | IPC_EXCL() | permissions;
        };
        int id = MsgCalls.msgget(key.value(), flags);
        if (id == -1) {
            throw Errors.lastCall("msgget", "message queue " + key);
        }
        return new MessageQueue(id, key);
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
     * on, or one {@link IpcListing} reports. Its key is read from the queue if the caller may read
     * the queue, and is {@link IpcKey#PRIVATE} otherwise.
     *
     * @param id the queue's id
     * @return the queue
     * @throws IllegalArgumentException if id is negative
     * @throws IpcNotFoundException     if no queue has the id (any more)
     * @throws IpcException             for any other failure of {@code msgctl(IPC_STAT)}
     */
    public static MessageQueue ofId(int id) {
        if (id < 0) {
            throw new IllegalArgumentException("an id is not negative, was " + id);
        }
        Platform.requireSupported();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ds = arena.allocate(msqid_ds.layout());
            if (MsgCalls.msgctl(id, IPC_STAT(), ds) == 0) {
                return new MessageQueue(id, Structs.permissions(msqid_ds.msg_perm(ds)).key());
            }
            int errno = Errors.lastErrno();
            if (errno == EACCES() || errno == EPERM()) {
                return new MessageQueue(id, IpcKey.PRIVATE); // it exists; only its key is hidden
            }
            throw Errors.onLookupById("msgctl(IPC_STAT)", "message queue " + id, errno);
        }
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public IpcKey key() {
        return key;
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
     */
    public void send(long type, MemorySegment data) {
        sendCopy(type, data, true);
    }

    /**
     * Sends the message in {@code buffer}, waiting while the queue is full. Allocates nothing.
     *
     * @param buffer the message, as {@link MessageBuffer#set(long, MemorySegment)} put it there
     * @throws IpcTooLargeException if the message is above msgmax
     * @throws IpcRemovedException  if the queue is or gets removed
     */
    public void send(MessageBuffer buffer) {
        send(buffer, 0);
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
        return sendCopy(type, data, false);
    }

    /**
     * Sends the message in {@code buffer} unless the queue is full. Allocates nothing.
     *
     * @param buffer the message
     * @return whether it was sent; false if the queue was full
     * @throws IpcTooLargeException if the message is above msgmax
     * @throws IpcRemovedException  if the queue was removed
     */
    public boolean trySend(MessageBuffer buffer) {
        return send(buffer, IPC_NOWAIT());
    }

    private boolean sendCopy(long type, MemorySegment data, boolean wait) {
        MessageBuffer.requireType(type);
        if (data.byteSize() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a message cannot have " + data.byteSize() + " bytes");
        }
        MessageBuffer scratch = scratch((int) data.byteSize());
        scratch.set(type, data);
        return send(scratch, wait ? 0 : IPC_NOWAIT());
    }

    private boolean send(MessageBuffer buffer, int flags) {
        MemorySegment callState = buffer.callState();
        int length = buffer.length();
        while (true) {
            if (MsgCalls.msgsnd(callState, id, buffer.struct(), length, flags) == 0) {
                return true;
            }
            int errno = Errors.lastErrno(callState);
            if (errno == EINTR()) {
                continue;
            }
            if (errno == EAGAIN() && flags != 0) {
                return false;
            }
            throw sendFailure(errno, length);
        }
    }

    private IpcException sendFailure(int errno, long length) {
        if (errno == EINVAL() && exists()) {
            long msgmax = IpcLimits.current().msgmax();
            if (length > msgmax) {
                return new IpcTooLargeException("msgsnd", toString(), errno,
                        "a message of " + length + " bytes is above msgmax, " + msgmax + " bytes");
            }
        }
        return Errors.onId("msgsnd", this, errno, exists());
    }

    // ---- receiving

    /**
     * Receives a message into a new array, waiting until one matches.
     *
     * @param type    which message, as the class description says
     * @param options {@link ReceiveOption#EXCEPT} or none; {@link ReceiveOption#TRUNCATE} needs a caller's buffer
     * @return the message
     * @throws IpcRemovedException if the queue is or gets removed
     */
    public Message receive(long type, ReceiveOption... options) {
        return receiveNew(type, flags(options, false), true);
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
        return Optional.ofNullable(receiveNew(type, flags(options, false) | IPC_NOWAIT(), false));
    }

    /**
     * Receives a message into a new array, waiting at most {@code timeout} for one to match, by
     * polling as the class description explains.
     *
     * @param type    which message, as the class description says
     * @param timeout how long to wait at most
     * @param options {@link ReceiveOption#EXCEPT} or none
     * @return the message, or empty if none matched in time
     * @throws InterruptedException if the thread is interrupted while it waits
     * @throws IpcRemovedException  if the queue is or gets removed
     */
    public Optional<Message> receive(long type, Duration timeout, ReceiveOption... options)
            throws InterruptedException {
        int flags = flags(options, false) | IPC_NOWAIT();
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = FIRST_POLL_NANOS;
        while (true) {
            Message message = receiveNew(type, flags, false);
            if (message != null) {
                return Optional.of(message);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            LockSupport.parkNanos(Math.min(pause, left));
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting for a message on " + this);
            }
            pause = Math.min(pause * 2, MAX_POLL_NANOS);
        }
    }

    /**
     * Receives a message into the caller's buffer, waiting until one matches. Allocates nothing.
     *
     * @param type   which message, as the class description says
     * @param buffer where the message goes; its type, length and payload are the message's after
     * @throws IpcTooLargeException if the message is longer than the buffer; the message stays in the queue
     * @throws IpcRemovedException  if the queue is or gets removed
     */
    public void receive(long type, MessageBuffer buffer) {
        receive(buffer, type, 0);
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
        return receive(buffer, type, IPC_NOWAIT());
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
     */
    public void receive(long type, MessageBuffer buffer, ReceiveOption... options) {
        receive(buffer, type, flags(options, true));
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
        return receive(buffer, type, flags(options, true) | IPC_NOWAIT());
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
     */
    public long receive(long type, ByteBuffer into, ReceiveOption... options) {
        if (into.isReadOnly()) {
            throw new IllegalArgumentException("cannot receive into a read-only buffer");
        }
        MessageBuffer scratch = scratch(into.remaining());
        // msgrcv is told the caller's capacity, so its size checks are the caller's buffer's
        long length = receiveStruct(scratch, into.remaining(), type, flags(options, true));
        scratch.received((int) length);
        into.put(scratch.payload().asByteBuffer());
        return scratch.type();
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
            return Optional.ofNullable(receiveNew(position, MSG_COPY() | IPC_NOWAIT(), false));
        } catch (IpcException e) {
            if (e.errno() == ENOSYS()) {
                throw new UnsupportedOperationException("this kernel has no MSG_COPY", e);
            }
            throw e;
        }
    }

    private Message receiveNew(long type, int flags, boolean wait) {
        MessageBuffer scratch = SCRATCH.get();
        while (true) {
            try {
                if (!receive(scratch, type, flags)) {
                    return null;
                }
                return new Message(scratch.type(), scratch.toByteArray());
            } catch (IpcTooLargeException e) {
                // the message stayed in the queue: grow and take it again
                scratch = grow(scratch.capacity() * 2);
            }
        }
    }

    private boolean receive(MessageBuffer buffer, long type, int flags) {
        long length = receiveStruct(buffer, buffer.capacity(), type, flags);
        if (length < 0) {
            return false;
        }
        buffer.received((int) length);
        return true;
    }

    /** msgrcv into the buffer's struct, retried on EINTR; -1 if no-wait found no message. */
    private long receiveStruct(MessageBuffer buffer, long capacity, long type, int flags) {
        MemorySegment callState = buffer.callState();
        while (true) {
            long length = MsgCalls.msgrcv(callState, id, buffer.struct(), capacity, type, flags);
            if (length >= 0) {
                return length;
            }
            int errno = Errors.lastErrno(callState);
            if (errno == EINTR()) {
                continue;
            }
            if ((errno == ENOMSG() || errno == EAGAIN()) && (flags & IPC_NOWAIT()) != 0) {
                return -1;
            }
            if (errno == E2BIG()) {
                throw new IpcTooLargeException("msgrcv", toString(), errno,
                        "the message is longer than the buffer's " + capacity + " bytes and stays in the queue;"
                                + " receive with TRUNCATE to cut it");
            }
            throw Errors.onId("msgrcv", this, errno, exists());
        }
    }

    private static int flags(ReceiveOption[] options, boolean mayTruncate) {
        int flags = 0;
        for (ReceiveOption option : options) {
            switch (option) {
                case TRUNCATE -> {
                    if (!mayTruncate) {
                        throw new IllegalArgumentException("TRUNCATE needs a caller's buffer to truncate to");
                    }
                    flags |= MSG_NOERROR();
                }
                case EXCEPT -> flags |= MSG_EXCEPT();
            }
        }
        return flags;
    }

    private static MessageBuffer scratch(int capacity) {
        MessageBuffer scratch = SCRATCH.get();
        return scratch.capacity() >= capacity ? scratch : grow(capacity);
    }

    private static MessageBuffer grow(int capacity) {
        MessageBuffer bigger = MessageBuffer.allocate(Arena.ofAuto(), capacity);
        SCRATCH.set(bigger);
        return bigger;
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
        try (Arena arena = Arena.ofConfined()) {
            return MessageQueueStat.from(statInto(arena));
        }
    }

    /**
     * Changes the queue's owner and access bits ({@code IPC_SET}), keeping its maximum bytes.
     *
     * @param uid  the new owner
     * @param gid  the new group
     * @param mode the new access bits, within 0777
     * @throws IllegalArgumentException     if uid or gid is negative or mode has other bits
     * @throws IpcPermissionDeniedException if the caller is neither owner, creator nor privileged
     * @throws IpcRemovedException          if the queue was removed
     */
    public void setPermissions(int uid, int gid, int mode) {
        IpcPermissions.requireOwner(uid, gid);
        IpcPermissions.requireMode(mode);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ds = statInto(arena);
            Structs.setOwnerAndMode(msqid_ds.msg_perm(ds), uid, gid, mode);
            control(IPC_SET(), ds, "msgctl(IPC_SET)");
        }
    }

    /**
     * Changes the most bytes the queue may hold ({@code msg_qbytes}, via {@code IPC_SET}). Raising it
     * above msgmnb needs {@code CAP_SYS_RESOURCE}.
     *
     * @param maxBytes the new maximum, positive
     * @throws IllegalArgumentException     if maxBytes is not positive
     * @throws IpcPermissionDeniedException if the caller may not change it
     * @throws IpcRemovedException          if the queue was removed
     */
    public void setMaxBytes(long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("a queue's maximum bytes must be positive, was " + maxBytes);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ds = statInto(arena);
            msqid_ds.msg_qbytes(ds, maxBytes);
            control(IPC_SET(), ds, "msgctl(IPC_SET)");
        }
    }

    @Override
    public void remove() {
        control(IPC_RMID(), MemorySegment.NULL, "msgctl(IPC_RMID)");
    }

    private MemorySegment statInto(Arena arena) {
        MemorySegment ds = arena.allocate(msqid_ds.layout());
        control(IPC_STAT(), ds, "msgctl(IPC_STAT)");
        return ds;
    }

    private void control(int command, MemorySegment buffer, String call) {
        if (MsgCalls.msgctl(id, command, buffer) == -1) {
            int errno = Errors.lastErrno();
            // a failed IPC_STAT is itself the existence check
            throw Errors.onId(call, this, errno, command != IPC_STAT() && exists());
        }
    }

    /** Whether the id still names a queue: IPC_STAT fails with EINVAL or EIDRM once it does not. */
    private boolean exists() {
        try (Arena arena = Arena.ofConfined()) {
            if (MsgCalls.msgctl(id, IPC_STAT(), arena.allocate(msqid_ds.layout())) == 0) {
                return true;
            }
            int errno = Errors.lastErrno();
            return errno != EINVAL() && errno != EIDRM();
        }
    }

    /**
     * {@return whether {@code other} is a handle to the same queue, that is, has the same id}
     *
     * @param other the object to compare with
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof MessageQueue that && id == that.id;
    }

    /**
     * {@return a hash code from the id}
     */
    @Override
    public int hashCode() {
        return Integer.hashCode(id);
    }

    /**
     * {@return the queue as exception messages name it, such as {@code message queue 3 (key 0x0000beef)}}
     */
    @Override
    public String toString() {
        return "message queue " + id + (key.isPrivate() ? "" : " (" + key + ")");
    }
}
