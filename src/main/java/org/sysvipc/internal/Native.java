package org.sysvipc.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * Links downcall handles that capture errno, and gives each thread the segment the capture is
 * written to. jextract's own handles cannot capture errno, and reading it through
 * {@code __errno_location()} after a call is unreliable in a JVM.
 *
 * <p>Hot paths pass a call-state segment of their own (one a {@code MessageBuffer} or a thread's
 * scratch carries) instead of looking up this thread's, and use a <em>critical</em> handle for a
 * call that cannot block (one with {@code IPC_NOWAIT}, or a semop that only adds): such a call
 * skips the JVM's thread-state transition, which a call that may block must make so that the
 * garbage collector need not wait for it.
 */
final class Native {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"))
            .withInvokeExactBehavior();
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");
    private static final Linker.Option CRITICAL = Linker.Option.critical(false);
    private static final ThreadLocal<MemorySegment> CALL_STATE = ThreadLocal.withInitial(Native::newCallState);

    private Native() {
    }

    /** A handle whose first parameter is the call-state segment errno is captured into. */
    static MethodHandle errnoCapturing(MemorySegment address, FunctionDescriptor descriptor, Linker.Option... more) {
        Linker.Option[] options = new Linker.Option[more.length + 1];
        options[0] = CAPTURE_ERRNO;
        System.arraycopy(more, 0, options, 1, more.length);
        return LINKER.downcallHandle(address, descriptor, options);
    }

    /**
     * Like {@link #errnoCapturing}, for a function that returns at once whatever its arguments:
     * only for calls that cannot block.
     */
    static MethodHandle errnoCapturingCritical(MemorySegment address, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(address, descriptor, CAPTURE_ERRNO, CRITICAL);
    }

    /**
     * A critical handle that captures nothing, for a call that cannot block and whose failure the
     * caller does not explain itself but retries through an errno-capturing handle.
     */
    static MethodHandle critical(MemorySegment address, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(address, descriptor, CRITICAL);
    }

    /** A new call-state segment, freed when unreachable. */
    static MemorySegment newCallState() {
        return Arena.ofAuto().allocate(CAPTURE_LAYOUT);
    }

    /** The layout of a call-state segment. */
    static StructLayout callStateLayout() {
        return CAPTURE_LAYOUT;
    }

    /** This thread's call-state segment. */
    static MemorySegment callState() {
        return CALL_STATE.get();
    }

    /** The errno captured by this thread's last errno-capturing call without a call state of its own. */
    static int lastErrno() {
        return lastErrno(CALL_STATE.get());
    }

    /** The errno captured into {@code callState} by the last call given it. */
    static int lastErrno(MemorySegment callState) {
        return (int) ERRNO.get(callState, 0L);
    }
}
