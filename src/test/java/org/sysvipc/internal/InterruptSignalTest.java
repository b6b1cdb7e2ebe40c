package org.sysvipc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which installed signal actions may be used to end a blocked call. */
class InterruptSignalTest {
    private static final long HANDLER = 0x7f00_1234_5670L;
    private static final int SA_RESTART = Constants.SA_RESTART, SA_RESETHAND = Constants.SA_RESETHAND;

    @Test
    void theDefaultActionAndIgnoringAreNeverUsed() {
        for (boolean restartable : new boolean[] {false, true}) {
            assertFalse(InterruptSignal.endsCalls(0, 0, restartable), "SIG_DFL");
            assertFalse(InterruptSignal.endsCalls(1, 0, restartable), "SIG_IGN");
        }
    }

    @Test
    void aHandlerThatRestartsCallsEndsOnlySystemVCalls() {
        assertTrue(InterruptSignal.endsCalls(HANDLER, 0, false));
        assertTrue(InterruptSignal.endsCalls(HANDLER, 0, true));
        assertTrue(InterruptSignal.endsCalls(HANDLER, SA_RESTART, false));
        assertFalse(InterruptSignal.endsCalls(HANDLER, SA_RESTART, true), "a FIFO read would be restarted");
    }

    @Test
    void aHandlerResetAfterItsFirstSignalIsNeverUsed() {
        assertFalse(InterruptSignal.endsCalls(HANDLER, SA_RESETHAND, false), "the next signal would end the process");
    }

    @Test
    void inThisJvmTheJdksSignalEndsEveryCall() {
        assertEquals(InterruptSignal.JDK_IO_SIGNAL, InterruptSignal.usableSignal(true));
        assertEquals(InterruptSignal.JDK_IO_SIGNAL, InterruptSignal.usableSignal(false));
        assertTrue(InterruptSignal.ENDS_SYSTEM_V_CALLS);
        assertTrue(InterruptSignal.ENDS_PIPE_CALLS);
    }

    @Test
    void theJdksSignalIsTheOneItsNativeThreadUses() {
        assertEquals(Constants.__SIGRTMAX - 2, InterruptSignal.JDK_IO_SIGNAL);
        assertEquals(62, InterruptSignal.JDK_IO_SIGNAL, "glibc's __SIGRTMAX is 64 on Linux");
    }
}
