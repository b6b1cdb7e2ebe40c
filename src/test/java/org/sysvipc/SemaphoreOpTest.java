package org.sysvipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SemaphoreOpTest {
    @Test
    void addAndWithersSetTheFields() {
        assertEquals(new SemaphoreOp(2, -3, false, false), SemaphoreOp.add(2, -3));
        assertEquals(new SemaphoreOp(2, -3, true, false), SemaphoreOp.add(2, -3).withUndo());
        assertEquals(new SemaphoreOp(2, -3, true, true), SemaphoreOp.add(2, -3).withUndo().withNoWait());
        assertEquals(new SemaphoreOp(1, 0, false, true), SemaphoreOp.waitForZero(1).withNoWait());
    }

    @Test
    void extremeDeltasAreAccepted() {
        assertEquals(SemaphoreSet.MAX_VALUE, SemaphoreOp.add(0, SemaphoreSet.MAX_VALUE).delta());
        assertEquals(-SemaphoreSet.MAX_VALUE, SemaphoreOp.add(0, -SemaphoreSet.MAX_VALUE).delta());
        assertEquals(0xffff, SemaphoreOp.waitForZero(0xffff).index());
    }

    @Test
    void addOfZeroIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> SemaphoreOp.add(0, 0));
    }

    @Test
    void deltaBeyondTheValueRangeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> SemaphoreOp.add(0, SemaphoreSet.MAX_VALUE + 1));
        assertThrows(IllegalArgumentException.class, () -> SemaphoreOp.add(0, -SemaphoreSet.MAX_VALUE - 1));
        assertThrows(IllegalArgumentException.class, () -> new SemaphoreOp(0, Integer.MIN_VALUE, false, false));
    }

    @Test
    void indexOutsideASembufIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> SemaphoreOp.add(-1, 1));
        assertThrows(IllegalArgumentException.class, () -> SemaphoreOp.waitForZero(0x10000));
    }
}
