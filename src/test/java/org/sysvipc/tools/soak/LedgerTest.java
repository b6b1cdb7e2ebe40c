package org.sysvipc.tools.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A consumer's ledger gives the soak every entry once, in order, and never overwrites an undrained one. */
class LedgerTest {
    @Test
    void entriesComeOutOnceInOrderAcrossTheWrap() {
        try (Arena arena = Arena.ofConfined()) {
            Ledger ledger = Ledger.in(arena.allocate(Ledger.bytes(4), 8), 4);
            List<Long> drained = new ArrayList<>();
            for (long entry = 1; entry <= 10; entry++) {
                ledger.append(entry);
                if (entry % 3 == 0) {
                    ledger.drainTo(drained::add);
                }
            }
            assertEquals(1, ledger.drainTo(drained::add));
            assertEquals(0, ledger.drainTo(drained::add));
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L), drained);
        }
    }

    @Test
    void aFullLedgerWaitsForTheSoakToDrain() throws Exception {
        try (Arena arena = Arena.ofShared()) {
            Ledger ledger = Ledger.in(arena.allocate(Ledger.bytes(2), 8), 2);
            ledger.append(1);
            ledger.append(2);
            CompletableFuture<Void> third = CompletableFuture.runAsync(() -> ledger.append(3));
            assertThrows(java.util.concurrent.TimeoutException.class, () -> third.get(200, TimeUnit.MILLISECONDS),
                    "the third entry waits: it would overwrite the first");
            List<Long> drained = new ArrayList<>();
            ledger.drainTo(drained::add);
            third.get(30, TimeUnit.SECONDS);
            ledger.drainTo(drained::add);
            assertEquals(List.of(1L, 2L, 3L), drained);
        }
    }

    @Test
    void clearEmptiesIt() {
        try (Arena arena = Arena.ofConfined()) {
            Ledger ledger = Ledger.in(arena.allocate(Ledger.bytes(8), 8), 8);
            ledger.append(5);
            ledger.clear();
            List<Long> drained = new ArrayList<>();
            assertEquals(0, ledger.drainTo(drained::add));
            assertFalse(drained.contains(5L));
            assertThrows(IllegalArgumentException.class, () -> Ledger.in(arena.allocate(Ledger.bytes(1), 8), 0));
        }
    }
}
