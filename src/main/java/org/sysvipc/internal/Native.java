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
 */
final class Native {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"))
            .withInvokeExactBehavior();
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");
    private static final ThreadLocal<MemorySegment> CALL_STATE =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(CAPTURE_LAYOUT));

    private Native() {
    }

    /** A handle whose first parameter is the call-state segment errno is captured into. */
    static MethodHandle errnoCapturing(MemorySegment address, FunctionDescriptor descriptor, Linker.Option... more) {
        Linker.Option[] options = new Linker.Option[more.length + 1];
        options[0] = CAPTURE_ERRNO;
        System.arraycopy(more, 0, options, 1, more.length);
        return LINKER.downcallHandle(address, descriptor, options);
    }

    /** This thread's call-state segment. */
    static MemorySegment callState() {
        return CALL_STATE.get();
    }

    /** The errno captured by this thread's last errno-capturing call. */
    static int lastErrno() {
        return (int) ERRNO.get(CALL_STATE.get(), 0L);
    }
}
