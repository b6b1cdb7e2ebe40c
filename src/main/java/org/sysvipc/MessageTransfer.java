package org.sysvipc;

import static org.sysvipc.internal.ErrnoNumbers.E2BIG;
import static org.sysvipc.internal.ErrnoNumbers.EAGAIN;
import static org.sysvipc.internal.ErrnoNumbers.EINTR;
import static org.sysvipc.internal.ErrnoNumbers.EINVAL;
import static org.sysvipc.internal.ErrnoNumbers.ENOMSG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.sysvipc.internal.BlockingCall;
import org.sysvipc.internal.Constants;
import org.sysvipc.internal.Limits;
import org.sysvipc.internal.Syscalls;

/**
 * The msgsnd and msgrcv calls of {@link MessageQueue}: every send and receive, blocking or not,
 * goes through {@link #send} or {@link #receive}, which tell "would block" and "timed out" from a
 * failure. A call that may wait goes through {@link BlockingCall}, so that it never pins a virtual
 * thread, ends with {@link IpcInterruptedException} when its thread is interrupted, and, when timed,
 * waits in the kernel until its deadline. Copying sends and receives into new arrays go through a
 * native buffer kept per thread, which grows only as far as the messages received need.
 */
final class MessageTransfer {
    /** The first capacity of a thread's buffer: msgmax's default. */
    private static final int FIRST_CAPACITY = 8192;
    private static final ThreadLocal<MessageBuffer> SCRATCH =
            ThreadLocal.withInitial(() -> MessageBuffer.allocate(Arena.ofAuto(), FIRST_CAPACITY));

    private MessageTransfer() {
    }

    /**
     * Sends the message in {@code buffer}: false if IPC_NOWAIT is in {@code flags} and the queue is
     * full, or {@code timed} and {@code deadline} ({@link System#nanoTime()}) passed while it was.
     */
    static boolean send(MessageQueue queue, MessageBuffer buffer, int flags, boolean timed, long deadline) {
        int length = buffer.length();
        while (true) {
            long result;
            if ((flags & Constants.IPC_NOWAIT) != 0) {
                result = Syscalls.msgsnd(queue.id, buffer.msgbuf(), length, flags);
            } else if (!timed) {
                result = sentAtOnce(queue.id, buffer.msgbuf(), length, flags);
                if (result == -EAGAIN) {
                    result = BlockingCall.msgsnd(queue.id, buffer.msgbuf(), length, flags);
                }
            } else {
                result = BlockingCall.msgsnd(queue.id, buffer.msgbuf(), length, flags, deadline);
            }
            if (result == 0) {
                return true;
            }
            if (result == -EINTR) {
                continue; // a signal handler ran; nothing was sent
            }
            if (result == BlockingCall.TIMED_OUT || result == -EAGAIN && (flags & Constants.IPC_NOWAIT) != 0) {
                return false;
            }
            if (result == BlockingCall.INTERRUPTED) {
                throw new IpcInterruptedException("msgsnd", queue.toString(), "nothing was sent");
            }
            throw sendFailure(queue, (int) -result, buffer);
        }
    }

    /**
     * A send seldom waits, so on a platform thread it is tried first in the form that never does,
     * a critical call, and pays for the interrupt hook ({@link BlockingCall}) only when the queue
     * is full: {@code -EAGAIN} means "make the call that waits", which an interrupted thread
     * always does, so that it throws rather than send. A virtual thread's call is tried first
     * by {@link BlockingCall} itself.
     */
    private static long sentAtOnce(int id, MemorySegment msgbuf, int length, int flags) {
        Thread thread = Thread.currentThread();
        if (thread.isVirtual() || thread.isInterrupted()) {
            return -EAGAIN;
        }
        return Syscalls.msgsnd(id, msgbuf, length, flags | Constants.IPC_NOWAIT);
    }

    /** Sends a copy of {@code data} through the thread's buffer. */
    static boolean sendCopy(MessageQueue queue, long type, MemorySegment data, int flags, boolean timed,
            long deadline) {
        MessageBuffer.requireType(type);
        if (data.byteSize() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a message cannot have " + data.byteSize() + " bytes");
        }
        return send(queue, scratch((int) data.byteSize()).set(type, data), flags, timed, deadline);
    }

    private static RuntimeException sendFailure(MessageQueue queue, int errno, MessageBuffer buffer) {
        if (errno == EINVAL && buffer.type() < 1) {
            return new IllegalArgumentException("a message type must be positive, was " + buffer.type());
        }
        if (errno == EINVAL && queue.exists()) {
            int msgmax = Limits.msgmax();
            if (buffer.length() > msgmax) {
                return new IpcTooLargeException("msgsnd", queue.toString(), errno,
                        "a message of " + buffer.length() + " bytes is above msgmax, " + msgmax + " bytes");
            }
        }
        return queue.failure("msgsnd", errno);
    }

    /**
     * Receives into {@code buffer}, telling msgrcv the message may have {@code capacity} bytes (at
     * most the buffer's): the message's length, or -1 if IPC_NOWAIT is in {@code flags} and no
     * message matched, or {@code timed} and {@code deadline} ({@link System#nanoTime()}) passed
     * before one did.
     */
    static long receive(MessageQueue queue, MessageBuffer buffer, int capacity, long type, int flags, boolean timed,
            long deadline) {
        while (true) {
            long length;
            if ((flags & Constants.IPC_NOWAIT) != 0) {
                length = Syscalls.msgrcv(queue.id, buffer.msgbuf(), capacity, type, flags);
            } else if (!timed) {
                length = BlockingCall.msgrcv(queue.id, buffer.msgbuf(), capacity, type, flags);
            } else {
                length = BlockingCall.msgrcv(queue.id, buffer.msgbuf(), capacity, type, flags, deadline);
            }
            if (length >= 0) {
                buffer.received((int) length);
                return length;
            }
            if (length == BlockingCall.TIMED_OUT) {
                return -1;
            }
            if (length == BlockingCall.INTERRUPTED) {
                throw new IpcInterruptedException("msgrcv", queue.toString(), "nothing was received");
            }
            int errno = (int) -length;
            if (errno == EINTR) {
                continue; // a signal handler ran; nothing was taken
            }
            if ((errno == ENOMSG || errno == EAGAIN) && (flags & Constants.IPC_NOWAIT) != 0) {
                return -1;
            }
            if (errno == E2BIG) {
                throw new IpcTooLargeException("msgrcv", queue.toString(), errno, "the message is longer than "
                        + capacity + " bytes and stays in the queue; receive with TRUNCATE to cut it");
            }
            throw queue.failure("msgrcv", errno);
        }
    }

    /**
     * Receives a message of at most {@code maxLength} bytes into a new array, through the thread's
     * buffer: null if IPC_NOWAIT is in {@code flags} and no message matched. The buffer starts
     * smaller than {@code maxLength} and doubles while the message does not fit, up to
     * {@code maxLength}, so that it never grows beyond twice the longest message received; only at
     * {@code maxLength} may MSG_NOERROR in {@code flags} cut a message. Null also if {@code timed} and
     * {@code deadline} passed first.
     */
    static Message receiveNew(MessageQueue queue, long type, int maxLength, int flags, boolean timed, long deadline) {
        MessageBuffer scratch = SCRATCH.get();
        while (true) {
            int capacity = Math.min(scratch.capacity(), maxLength);
            boolean full = capacity == maxLength;
            try {
                if (receive(queue, scratch, capacity, type, full ? flags : flags & ~Constants.MSG_NOERROR, timed,
                        deadline) < 0) {
                    return null;
                }
                return new Message(scratch.type(), scratch.toByteArray());
            } catch (IpcTooLargeException e) {
                if (full) {
                    throw e;
                }
                // the message stayed in the queue: take it again with room for it
                scratch = grow((int) Math.min(maxLength, 2L * capacity));
            }
        }
    }

    /** The msgrcv flags of {@code options}; TRUNCATE only where the caller set a length to cut to. */
    static int flags(ReceiveOption[] options, boolean mayTruncate) {
        int flags = 0;
        for (ReceiveOption option : options) {
            switch (option) {
                case TRUNCATE -> {
                    if (!mayTruncate) {
                        throw new IllegalArgumentException("TRUNCATE needs a length to cut to: a caller's buffer"
                                + " or a maximum length");
                    }
                    flags |= Constants.MSG_NOERROR;
                }
                case EXCEPT -> flags |= Constants.MSG_EXCEPT;
            }
        }
        return flags;
    }

    /** The thread's buffer with room for at least {@code capacity} bytes. */
    static MessageBuffer scratch(int capacity) {
        MessageBuffer scratch = SCRATCH.get();
        return scratch.capacity() >= capacity ? scratch : grow(capacity);
    }

    private static MessageBuffer grow(int capacity) {
        MessageBuffer bigger = MessageBuffer.allocate(Arena.ofAuto(), capacity);
        SCRATCH.set(bigger);
        return bigger;
    }
}
