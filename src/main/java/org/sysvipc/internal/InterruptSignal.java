package org.sysvipc.internal;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * The signal that ends a thread's blocked system call, and the check that makes sending it safe.
 *
 * <p>A signal whose handler runs makes a blocked system call return EINTR, unless the handler was
 * installed with {@code SA_RESTART} and the call is one the kernel restarts. System V's msgrcv,
 * msgsnd, semop and semtimedop are never restarted, whatever the flag; a read, write or open of
 * a FIFO is restarted under {@code SA_RESTART}. A library must not install handlers in its
 * host's process, so it uses one that is there, and only if it does nothing:
 * <ol>
 * <li>the JDK's own I/O interrupt signal, {@code SIGRTMAX - 2} on Linux, which the JDK installs
 * with a handler that does nothing and without {@code SA_RESTART}, to end the blocked I/O of a
 * thread whose {@code FileChannel} is closed or interrupted; it ends every call this module makes.
 * The JDK installs it the first time a file channel reads; this class makes sure one has;</li>
 * <li>{@code SIGPIPE}, whose handler HotSpot installs to ignore broken pipes, with
 * {@code SA_RESTART}: it ends the System V calls only.</li>
 * </ol>
 * A signal is sent only while {@code sigaction} shows a handler installed for it (neither
 * {@code SIG_DFL}, which for both would end the process, nor {@code SIG_IGN}, which would not end
 * the call) without {@code SA_RESETHAND}; this is read again before every signal, because the
 * host may change it. The choice made when this class is first used decides how calls wait in
 * this process: if no signal can end a kind of call, calls of that kind wait without one
 * ({@link BlockingCall}).
 */
public final class InterruptSignal {
    /** The JDK's I/O interrupt signal: {@code INTERRUPT_SIGNAL} in its {@code NativeThread.c}. */
    static final int JDK_IO_SIGNAL = Constants.__SIGRTMAX - 2;
    private static final int[] CANDIDATES = {JDK_IO_SIGNAL, Constants.SIGPIPE};
    private static final long SIG_DFL = 0, SIG_IGN = 1;
    private static final ThreadLocal<MemorySegment> ACTION =
            ThreadLocal.withInitial(() -> Structs.allocateSigaction(Arena.ofAuto()));

    /** Whether a signal can end a System V call (msgrcv, msgsnd, semop, semtimedop) or a poll in this process. */
    static final boolean ENDS_SYSTEM_V_CALLS;
    /** Whether a signal can end a read or open of a FIFO in this process (SA_RESTART restarts them). */
    static final boolean ENDS_PIPE_CALLS;

    static {
        installJdkHandler();
        ENDS_SYSTEM_V_CALLS = usableSignal(false) != 0;
        ENDS_PIPE_CALLS = usableSignal(true) != 0;
        if (!ENDS_SYSTEM_V_CALLS || !ENDS_PIPE_CALLS) {
            System.getLogger("org.sysvipc").log(System.Logger.Level.WARNING, describe());
        }
    }

    private InterruptSignal() {
    }

    /**
     * Sends thread {@code tid} of this process the first candidate signal that can end its call
     * now, if any.
     *
     * @param restartable whether the call is one the kernel restarts under {@code SA_RESTART}
     * @return whether a signal was sent
     */
    static boolean send(int tid, boolean restartable) {
        int signal = usableSignal(restartable);
        return signal != 0 && Syscalls.tgkill((int) ProcessHandle.current().pid(), tid, signal) == 0;
    }

    /** The first candidate whose installed action can end a call now, or 0. */
    static int usableSignal(boolean restartable) {
        MemorySegment action = ACTION.get();
        for (int signal : CANDIDATES) {
            if (Syscalls.sigaction(signal, action) == 0 && endsCalls(
                    Structs.sigactionHandler(action),
                    Structs.sigactionFlags(action), restartable)) {
                return signal;
            }
        }
        return 0;
    }

    /**
     * Whether a signal whose action is {@code handler} and {@code flags} may be sent to end a call:
     * a handler that runs, stays installed, and does not restart the call.
     */
    static boolean endsCalls(long handler, int flags, boolean restartable) {
        return handler != SIG_DFL && handler != SIG_IGN && (flags & Constants.SA_RESETHAND) == 0
                && !(restartable && (flags & Constants.SA_RESTART) != 0);
    }

    /** What the process's signals allow, for the warning and for tests. */
    static String describe() {
        if (ENDS_SYSTEM_V_CALLS && ENDS_PIPE_CALLS) {
            return "signal " + usableSignal(true) + " ends blocked calls";
        }
        return "org.sysvipc: no installed signal handler can end "
                + (ENDS_SYSTEM_V_CALLS ? "a blocked FIFO open or read" : "blocked calls")
                + " (signal " + JDK_IO_SIGNAL + ", the JDK's I/O interrupt signal, and SIGPIPE are at their default"
                + " or ignored, or restart calls): such calls poll instead, every 50 µs to 2 ms, to see"
                + " interrupts and deadlines, and a FIFO open waits until a peer opens the other end";
    }

    /** Makes the JDK install its I/O interrupt signal's handler, as it does the first time a file channel reads. */
    private static void installJdkHandler() {
        try (FileChannel devNull = FileChannel.open(Path.of("/dev/null"))) {
            devNull.read(ByteBuffer.allocate(1));
        } catch (IOException | UnsupportedOperationException e) {
            // no handler then: the candidates' checks see it
        }
    }
}
