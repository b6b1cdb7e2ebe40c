package org.sysvipc.internal;

import static org.sysvipc.internal.ErrnoNumbers.EAGAIN;
import static org.sysvipc.internal.ErrnoNumbers.EINTR;
import static org.sysvipc.internal.ErrnoNumbers.ENOMSG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * One system call that may block, with its arguments: made in its form that waits, or tried in its
 * form that never does. {@link BlockingCall} decides how and on which thread it waits; this
 * knows only the calls. One per {@link BlockingCall}, reused: the arguments are written by the
 * calling thread before the state that hands them to another, and nothing is allocated per call.
 */
final class SystemCall {
    static final int MSGRCV = 0, MSGSND = 1, SEMOP = 2, SEMTIMEDOP = 3, OPEN = 4, READ = 5, POLL_OUT = 6;
    /** What {@link #tryNow()} returns for a call that would have waited. */
    static final long WOULD_BLOCK = Long.MIN_VALUE + 2;
    /** Cleared the first time the kernel refuses RWF_NOWAIT on a pipe (before Linux 5.8). */
    private static volatile boolean pipesTryWithoutWaiting = true;

    private int kind;
    private int id;
    private MemorySegment buffer;
    /** A read's or write's buffer, as an address: a segment kept in a field would be allocated per call. */
    private long address;
    private long size;
    private long type;
    private int flags;
    private boolean timed;
    private long deadline;
    private final MemorySegment timeout;
    private final MemorySegment iovec;
    private final MemorySegment pollfd;

    SystemCall() {
        Arena arena = Arena.ofAuto();
        timeout = Structs.allocateTimespec(arena);
        iovec = Structs.allocateIovec(arena);
        pollfd = Structs.allocatePollfd(arena);
    }

    /** Sets the next call's arguments; {@code deadline} ({@link System#nanoTime()}) counts only if {@code timed}. */
    void set(int kind, int id, MemorySegment buffer, long address, long size, long type, int flags,
            boolean timed, long deadline) {
        this.kind = kind;
        this.id = id;
        this.buffer = buffer;
        this.address = address;
        this.size = size;
        this.type = type;
        this.flags = flags;
        this.timed = timed;
        this.deadline = deadline;
    }

    boolean timed() {
        return timed;
    }

    long deadline() {
        return deadline;
    }

    /** Whether its deadline is kept by a timer that cancels it (msgrcv and msgsnd have no timed form). */
    boolean timedByCancelling() {
        return timed && (kind == MSGRCV || kind == MSGSND);
    }

    /** Whether the kernel restarts the call after a signal whose handler has {@code SA_RESTART}: a FIFO's open or read (never poll). */
    boolean restartable() {
        return kind == OPEN || kind == READ;
    }

    /** Whether a signal can end the call in this process ({@link InterruptSignal}). */
    boolean canBeEnded() {
        return restartable() ? InterruptSignal.ENDS_PIPE_CALLS : InterruptSignal.ENDS_SYSTEM_V_CALLS;
    }

    /** Lets another thread make the call: a segment of the caller's may be confined to it. */
    void detachFromCaller() {
        if (buffer != null) {
            buffer = MemorySegment.ofAddress(buffer.address());
        }
    }

    /**
     * Makes the call, waiting, on the thread a signal ends it on: its result, -errno, or the result
     * of {@code owner}'s cancellation. A call that returns EINTR is made again, unless {@code owner}
     * was cancelled meanwhile: the EINTR of a signal the module did not send is not an error. The
     * loop and the calls are one method so that a downcall is as few frames deep as can be (C2
     * inlines to a depth, and a slice the downcall's handle makes is allocated beyond it).
     */
    long makeUntilDone(BlockingCall owner) {
        while (true) {
            long cancelled = owner.cancellation();
            if (cancelled != 0) {
                return cancelled;
            }
            long outcome = switch (kind) {
                case MSGRCV -> Syscalls.msgrcv(id, buffer, size, type, flags);
                case MSGSND -> Syscalls.msgsnd(id, buffer, size, flags);
                case SEMOP -> Syscalls.semop(id, buffer, size, false);
                case SEMTIMEDOP -> {
                    // with no time left it still tries once: semtimedop then returns at once
                    Structs.setTimespec(timeout, Math.max(0, deadline - System.nanoTime()));
                    yield Syscalls.semtimedop(id, buffer, size, timeout);
                }
                case OPEN -> Syscalls.open(buffer, flags);
                case READ -> Syscalls.read(id, address, size);
                case POLL_OUT -> {
                    Structs.setPollfd(pollfd, id, Constants.POLLOUT);
                    yield Syscalls.poll(pollfd, 1, -1);
                }
                default -> throw new AssertionError(kind);
            };
            if (outcome != -EINTR) {
                return outcome;
            }
        }
    }

    /** Whether the call has a form that never waits and tells "would wait" apart from failing. */
    boolean canTry() {
        return switch (kind) {
            case MSGRCV, MSGSND, POLL_OUT -> true;
            case SEMOP, SEMTIMEDOP -> !Structs.anySembufNoWait(buffer, size); // its EAGAIN is ambiguous
            case READ -> pipesTryWithoutWaiting;
            default -> false;
        };
    }

    /** The call in its form that never waits: its result, or {@link #WOULD_BLOCK}. */
    long tryNow() {
        long outcome = switch (kind) {
            case MSGRCV -> {
                long received = Syscalls.msgrcv(id, buffer, size, type, flags | Constants.IPC_NOWAIT);
                yield received == -ENOMSG ? -EAGAIN : received;
            }
            case MSGSND -> Syscalls.msgsnd(id, buffer, size, flags | Constants.IPC_NOWAIT);
            case SEMOP, SEMTIMEDOP -> Syscalls.semopNow(id, buffer, size);
            case READ -> {
                Structs.setIovec(iovec, address, size);
                long read = Syscalls.readNow(id, iovec, 1);
                if (read == -ErrnoNumbers.EOPNOTSUPP) {
                    pipesTryWithoutWaiting = false;
                    yield -EAGAIN;
                }
                yield read;
            }
            case POLL_OUT -> {
                Structs.setPollfd(pollfd, id, Constants.POLLOUT);
                int ready = Syscalls.poll(pollfd, 1, 0);
                yield ready == 0 ? -EAGAIN : ready;
            }
            default -> -EAGAIN;
        };
        return outcome == -EAGAIN || outcome == -EINTR ? WOULD_BLOCK : outcome;
    }
}
