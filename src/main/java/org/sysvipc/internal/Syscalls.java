package org.sysvipc.internal;

import static org.sysvipc.internal.NativeFunctions.*;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * Every system call the module makes, each linked once. A call returns its result, or
 * {@code -errno} when it failed: the caller branches on the sign and reads nothing else, as the
 * JDK's own {@code CaptureStateUtil} adapts system calls. jextract's handles do not capture errno,
 * and reading it through {@code __errno_location()} after a call is unreliable in a JVM, so the
 * handles here capture it into a segment this class keeps per thread and reads right after the call.
 *
 * <p>A call that cannot block (one with {@code IPC_NOWAIT}, or a semop that only adds) goes through a
 * <em>critical</em> handle, which skips the JVM's thread-state transition; a call that may block
 * keeps it, so that a blocked thread never holds up the garbage collector. This is the one place
 * where a call is made; {@link BlockingCall} makes the calls that may block so that they never pin a
 * virtual thread's carrier and end on interrupt.
 */
public final class Syscalls {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"))
            .withInvokeExactBehavior();
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");
    private static final Linker.Option CRITICAL = Linker.Option.critical(false);
    /** Where this thread's calls capture errno: read right after each call, so one per thread serves all. */
    private static final ThreadLocal<MemorySegment> CAPTURE =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(CAPTURE_LAYOUT));
    private static final int NO_WAIT = Constants.IPC_NOWAIT;

    private static final MethodHandle MSGGET = capturing(msgget$address(), msgget$descriptor());
    private static final MethodHandle MSGSND = capturing(msgsnd$address(), msgsnd$descriptor());
    private static final MethodHandle MSGSND_NOWAIT = capturingCritical(msgsnd$address(), msgsnd$descriptor());
    private static final MethodHandle MSGRCV = capturing(msgrcv$address(), msgrcv$descriptor());
    private static final MethodHandle MSGRCV_NOWAIT = capturingCritical(msgrcv$address(), msgrcv$descriptor());
    private static final MethodHandle MSGCTL = capturing(msgctl$address(), msgctl$descriptor());
    private static final MethodHandle SEMGET = capturing(semget$address(), semget$descriptor());
    private static final MethodHandle SEMOP = capturing(semop$address(), semop$descriptor());
    private static final MethodHandle SEMOP_NONBLOCKING = capturingCritical(semop$address(), semop$descriptor());
    /** Captures nothing: for the try of a prepared operation, whose failure the caller learns by calling again. */
    private static final MethodHandle SEMOP_AT_ONCE = LINKER.downcallHandle(semop$address(), semop$descriptor(), CRITICAL);
    private static final MethodHandle SEMTIMEDOP = capturing(semtimedop$address(), semtimedop$descriptor());
    /** semctl is variadic; jextract's invoker boxes every call, so it is linked with each shape of its fourth argument. */
    private static final MethodHandle SEMCTL_INT = capturing(semctl$address(),
            FunctionDescriptor.of(C_INT, C_INT, C_INT, C_INT, C_INT), Linker.Option.firstVariadicArg(3));
    private static final MethodHandle SEMCTL_POINTER = capturing(semctl$address(),
            FunctionDescriptor.of(C_INT, C_INT, C_INT, C_INT, C_POINTER), Linker.Option.firstVariadicArg(3));
    private static final MethodHandle SHMGET = capturing(shmget$address(), shmget$descriptor());
    private static final MethodHandle SHMAT = capturing(shmat$address(), shmat$descriptor());
    private static final MethodHandle SHMDT = capturing(shmdt$address(), shmdt$descriptor());
    private static final MethodHandle SHMCTL = capturing(shmctl$address(), shmctl$descriptor());
    private static final MethodHandle MKFIFO = capturing(mkfifo$address(), mkfifo$descriptor());
    /** semtimedop with a zero timeout: the try of a semop that never waits, whatever its sembufs' flags. */
    private static final MethodHandle SEMTIMEDOP_NOW = capturingCritical(semtimedop$address(), semtimedop$descriptor());
    private static final MemorySegment ZERO_TIMEOUT = Structs.allocateTimespec(Arena.global());
    private static final MethodHandle TGKILL = capturingCritical(tgkill$address(), tgkill$descriptor());
    private static final MethodHandle GETTID = LINKER.downcallHandle(gettid$address(), gettid$descriptor(), CRITICAL);
    private static final MethodHandle SIGACTION = capturingCritical(sigaction$address(), sigaction$descriptor());
    /** open is variadic; it is linked with its mode argument, which a call that creates nothing leaves 0. */
    private static final MethodHandle OPEN = capturing(open$address(),
            FunctionDescriptor.of(C_INT, C_POINTER, C_INT, C_INT), Linker.Option.firstVariadicArg(2));
    /**
     * read and write go through syscall(2): glibc's own wrappers are cancellation points, which in a
     * process with several threads (a JVM) cost two atomic updates per call. The buffer's address
     * is a long, which the C ABIs pass as they pass a pointer: no segment to allocate per call.
     */
    private static final FunctionDescriptor TRANSFER_SHAPE = FunctionDescriptor.of(C_LONG, C_LONG, C_INT, C_LONG, C_LONG);
    private static final MethodHandle TRANSFER = capturing(syscall$address(), TRANSFER_SHAPE, Linker.Option.firstVariadicArg(1));
    private static final long SYSCALL_READ = Constants.SYS_read, SYSCALL_WRITE = Constants.SYS_write;
    private static final MethodHandle TRANSFER_UNCAPTURED = LINKER.downcallHandle(syscall$address(), TRANSFER_SHAPE,
            Linker.Option.firstVariadicArg(1));
    /**
     * write(2) on a descriptor with O_NONBLOCK, which never waits: a critical call, without the
     * thread-state transition, first capturing no errno; a write that failed did nothing, and is
     * made again capturing errno to learn why.
     */
    private static final MethodHandle WRITE_NOW_UNCAPTURED = LINKER.downcallHandle(syscall$address(), TRANSFER_SHAPE,
            Linker.Option.firstVariadicArg(1), CRITICAL);
    private static final MethodHandle WRITE_NOW = LINKER.downcallHandle(syscall$address(), TRANSFER_SHAPE,
            CAPTURE_ERRNO, Linker.Option.firstVariadicArg(1), CRITICAL);
    /** fcntl is variadic: linked with the int third argument of F_GETFL (ignored) and F_SETFL. */
    private static final MethodHandle FCNTL = LINKER.downcallHandle(fcntl$address(),
            FunctionDescriptor.of(C_INT, C_INT, C_INT, C_INT), CAPTURE_ERRNO, Linker.Option.firstVariadicArg(2), CRITICAL);
    private static final MethodHandle POLL = capturing(poll$address(), poll$descriptor());
    private static final MethodHandle POLL_NOW = capturingCritical(poll$address(), poll$descriptor());
    private static final MethodHandle CLOSE = capturing(close$address(), close$descriptor());
    private static final MethodHandle PREADV2 = capturingCritical(preadv2$address(), preadv2$descriptor());
    private static final int NOWAIT_FLAG = Constants.RWF_NOWAIT;
    private static final MethodHandle STRERROR = LINKER.downcallHandle(strerror$address(), strerror$descriptor());

    private Syscalls() {
    }

    /** msgget(2): the id, or -errno. */
    public static int msgget(int key, int flags) {
        MemorySegment capture = CAPTURE.get();
        try {
            return result((int) MSGGET.invokeExact(capture, key, flags), capture);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** msgsnd(2): {@code message} holds the long type, then {@code size} bytes; 0 or -errno. */
    public static int msgsnd(int id, MemorySegment message, long size, int flags) {
        MemorySegment capture = CAPTURE.get();
        try {
            // two call sites, each with a constant handle, so that both inline
            if ((flags & NO_WAIT) != 0) {
                return result((int) MSGSND_NOWAIT.invokeExact(capture, id, message, size, flags), capture);
            }
            return result((int) MSGSND.invokeExact(capture, id, message, size, flags), capture);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** msgrcv(2): the number of bytes received, or -errno. */
    public static long msgrcv(int id, MemorySegment message, long capacity, long type, int flags) {
        MemorySegment capture = CAPTURE.get();
        try {
            if ((flags & NO_WAIT) != 0) {
                return result((long) MSGRCV_NOWAIT.invokeExact(capture, id, message, capacity, type, flags), capture);
            }
            return result((long) MSGRCV.invokeExact(capture, id, message, capacity, type, flags), capture);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** msgctl(2): the command's result, or -errno. */
    public static int msgctl(int idOrIndex, int command, MemorySegment buffer) {
        MemorySegment capture = CAPTURE.get();
        try {
            return result((int) MSGCTL.invokeExact(capture, idOrIndex, command, buffer), capture);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** semget(2): the id, or -errno. */
    public static int semget(int key, int count, int flags) {
        MemorySegment capture = CAPTURE.get();
        try {
            return result((int) SEMGET.invokeExact(capture, key, count, flags), capture);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /**
     * semop(2) over {@code count} sembufs: 0 or -errno. {@code cannotBlock} says that every
     * operation adds or has IPC_NOWAIT, so that the call returns at once.
     */
    public static int semop(int id, MemorySegment operations, long count, boolean cannotBlock) {
        MemorySegment capture = CAPTURE.get();
        try {
            if (cannotBlock) {
                return result((int) SEMOP_NONBLOCKING.invokeExact(capture, id, operations, count), capture);
            }
            return result((int) SEMOP.invokeExact(capture, id, operations, count), capture);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /**
     * semop(2) without errno, for operations that cannot block (each adds or has IPC_NOWAIT):
     * whether they were applied. A caller that gets false calls {@link #semop} to wait or learn
     * why; that is sound because a semop that fails changes nothing.
     */
    public static boolean semopApplied(int id, MemorySegment operations, long count) {
        try {
            return (int) SEMOP_AT_ONCE.invokeExact(id, operations, count) == 0;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** semtimedop(2); {@code timeout} is a struct timespec: 0 or -errno. */
    public static int semtimedop(int id, MemorySegment operations, long count, MemorySegment timeout) {
        MemorySegment capture = CAPTURE.get();
        try {
            return result((int) SEMTIMEDOP.invokeExact(capture, id, operations, count, timeout), capture);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** semctl(2) for commands whose fourth argument is an int or absent: the result, or -errno. */
    public static int semctl(int idOrIndex, int semaphore, int command, int value) {
        MemorySegment capture = CAPTURE.get();
        try {
            return result((int) SEMCTL_INT.invokeExact(capture, idOrIndex, semaphore, command, value), capture);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** semctl(2) for commands whose fourth argument is a pointer: the result, or -errno. */
    public static int semctl(int idOrIndex, int semaphore, int command, MemorySegment buffer) {
        MemorySegment capture = CAPTURE.get();
        try {
            return result((int) SEMCTL_POINTER.invokeExact(capture, idOrIndex, semaphore, command, buffer), capture);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** shmget(2): the id, or -errno. */
    public static int shmget(int key, long size, int flags) {
        MemorySegment capture = CAPTURE.get();
        try {
            return result((int) SHMGET.invokeExact(capture, key, size, flags), capture);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** shmat(2) at an address the kernel chooses: the address (user addresses are positive), or -errno. */
    public static long shmat(int id, int flags) {
        MemorySegment capture = CAPTURE.get();
        try {
            return result(((MemorySegment) SHMAT.invokeExact(capture, id, MemorySegment.NULL, flags)).address(),
                    capture);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** shmdt(2): 0 or -errno. */
    public static int shmdt(long address) {
        MemorySegment capture = CAPTURE.get();
        try {
            return result((int) SHMDT.invokeExact(capture, MemorySegment.ofAddress(address)), capture);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** shmctl(2): the command's result, or -errno. */
    public static int shmctl(int idOrIndex, int command, MemorySegment buffer) {
        MemorySegment capture = CAPTURE.get();
        try {
            return result((int) SHMCTL.invokeExact(capture, idOrIndex, command, buffer), capture);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** mkfifo(3); {@code path} is a NUL-terminated string: 0 or -errno. */
    public static int mkfifo(MemorySegment path, int mode) {
        MemorySegment capture = CAPTURE.get();
        try {
            return result((int) MKFIFO.invokeExact(capture, path, mode), capture);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /**
     * semtimedop(2) with a zero timeout, which never waits: 0 if the operations were applied, or
     * -errno (EAGAIN if one of them would have had to wait).
     */
    public static int semopNow(int id, MemorySegment operations, long count) {
        MemorySegment capture = CAPTURE.get();
        try {
            return result((int) SEMTIMEDOP_NOW.invokeExact(capture, id, operations, count, ZERO_TIMEOUT), capture);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** tgkill(2): sends {@code signal} to thread {@code tid} of process {@code pid}; 0 or -errno. */
    public static int tgkill(int pid, int tid, int signal) {
        MemorySegment capture = CAPTURE.get();
        try {
            return result((int) TGKILL.invokeExact(capture, pid, tid, signal), capture);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** gettid(2): the calling thread's kernel thread id. */
    public static int gettid() {
        try {
            return (int) GETTID.invokeExact();
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** sigaction(2) that changes nothing: writes the action installed for {@code signal} into {@code action}; 0 or -errno. */
    public static int sigaction(int signal, MemorySegment action) {
        MemorySegment capture = CAPTURE.get();
        try {
            return result((int) SIGACTION.invokeExact(capture, signal, MemorySegment.NULL, action), capture);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** open(2) of a file that exists; {@code path} is NUL-terminated: the file descriptor, or -errno. May block (a FIFO). */
    public static int open(MemorySegment path, int flags) {
        MemorySegment capture = CAPTURE.get();
        try {
            return result((int) OPEN.invokeExact(capture, path, flags, 0), capture);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** read(2) into {@code count} bytes at {@code address}, which may block: the number of bytes read (0 at end of file), or -errno. */
    public static long read(int fd, long address, long count) {
        MemorySegment capture = CAPTURE.get();
        try {
            return result((long) TRANSFER.invokeExact(capture, SYSCALL_READ, fd, address, count), capture);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** read(2), capturing no errno: the bytes read, 0 at end of file, or -1 if it failed (and did nothing). */
    public static long readUncaptured(int fd, long address, long count) {
        try {
            return (long) TRANSFER_UNCAPTURED.invokeExact(SYSCALL_READ, fd, address, count);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /**
     * write(2) of {@code count} bytes at {@code address} to a descriptor with O_NONBLOCK
     * ({@link #setNonBlocking}), which never waits: the bytes written, or -errno (EAGAIN if a pipe
     * has no room).
     */
    public static long writeNow(int fd, long address, long count) {
        try {
            long written = (long) WRITE_NOW_UNCAPTURED.invokeExact(SYSCALL_WRITE, fd, address, count);
            if (written >= 0) {
                return written;
            }
            MemorySegment capture = CAPTURE.get();
            return result((long) WRITE_NOW.invokeExact(capture, SYSCALL_WRITE, fd, address, count), capture);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** Sets O_NONBLOCK on the open file {@code fd} refers to, keeping its other status flags: 0 or -errno. */
    public static int setNonBlocking(int fd) {
        MemorySegment capture = CAPTURE.get();
        try {
            int flags = result((int) FCNTL.invokeExact(capture, fd, Constants.F_GETFL, 0), capture);
            if (flags < 0) {
                return flags;
            }
            return result((int) FCNTL.invokeExact(capture, fd, Constants.F_SETFL, flags | Constants.O_NONBLOCK), capture);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /**
     * poll(2) of the {@code count} {@code struct pollfd}s at {@code pollfds}, waiting up to
     * {@code timeoutMillis} (-1: no limit; 0: not at all, a critical call): how many are ready, or
     * -errno (EINTR if a signal ended it, whatever SA_RESTART says).
     */
    public static int poll(MemorySegment pollfds, long count, int timeoutMillis) {
        MemorySegment capture = CAPTURE.get();
        try {
            if (timeoutMillis == 0) {
                return result((int) POLL_NOW.invokeExact(capture, pollfds, count, 0), capture);
            }
            return result((int) POLL.invokeExact(capture, pollfds, count, timeoutMillis), capture);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** close(2): 0 or -errno. */
    public static int close(int fd) {
        MemorySegment capture = CAPTURE.get();
        try {
            return result((int) CLOSE.invokeExact(capture, fd), capture);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /**
     * preadv2(2) at the file's position with RWF_NOWAIT, which never waits: the bytes read into the
     * buffers {@code iovecs} describes (0 at end of file), or -errno (EAGAIN if it would have had to
     * wait; EOPNOTSUPP where the kernel cannot read the file without waiting).
     */
    public static long readNow(int fd, MemorySegment iovecs, int count) {
        MemorySegment capture = CAPTURE.get();
        try {
            return result((long) PREADV2.invokeExact(capture, fd, iovecs, count, -1L, NOWAIT_FLAG), capture);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** The C library's text for {@code errno}, such as "No such file or directory". */
    public static String strerror(int errno) {
        // glibc's strerror is thread-safe and returns a string that lives as long as the process
        try {
            return ((MemorySegment) STRERROR.invokeExact(errno)).reinterpret(Long.MAX_VALUE).getString(0);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    private static int result(int result, MemorySegment capture) {
        return result == -1 ? -(int) ERRNO.get(capture, 0L) : result;
    }

    private static long result(long result, MemorySegment capture) {
        return result == -1 ? -(int) ERRNO.get(capture, 0L) : result;
    }

    private static MethodHandle capturing(MemorySegment address, FunctionDescriptor descriptor,
            Linker.Option... more) {
        Linker.Option[] options = new Linker.Option[more.length + 1];
        options[0] = CAPTURE_ERRNO;
        System.arraycopy(more, 0, options, 1, more.length);
        return LINKER.downcallHandle(address, descriptor, options);
    }

    private static MethodHandle capturingCritical(MemorySegment address, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(address, descriptor, CAPTURE_ERRNO, CRITICAL);
    }

    private static AssertionError unexpected(Throwable t) {
        return new AssertionError("a downcall threw", t);
    }
}
