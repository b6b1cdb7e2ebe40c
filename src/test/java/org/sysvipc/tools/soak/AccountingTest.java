package org.sysvipc.tools.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The accounts: every way a message can go, each counted once, and only a killed consumer's held message excused. */
class AccountingTest {
    private final Accounting accounting = new Accounting();

    private static long id(int producer, long sequence) {
        return SoakMessage.id(producer, sequence);
    }

    /** Producer {@code number} of lane "a" sent 1..{@code count}, all received once. */
    private void sentAndReceived(int number, int count) {
        accounting.producerStarted(number, "a");
        for (int i = 1; i <= count; i++) {
            accounting.received(id(number, i));
        }
        accounting.producerEnded(number, count, count, false);
    }

    /** What was sent is received, lost or held by a killed consumer; with no corruption, exactly. */
    private static void assertBalances(Tally tally) {
        assertEquals(0, tally.corrupted());
        assertEquals(tally.sent() - tally.lost() - tally.heldByKilledConsumers() + tally.unconfirmedReceived(),
                tally.received(), tally::toString);
    }

    @Test
    void everyMessageReceivedOnceLeavesNothingLostDuplicatedOrCorrupted() {
        sentAndReceived(1, 1000);
        sentAndReceived(2, 10);
        Tally tally = accounting.tally();
        assertEquals(new Tally(1010, Map.of("a", 1010L), 1010, 0, 0, 0, 0, 0, 0, List.of()), tally);
    }

    @Test
    void aConfirmedMessageNobodyLoggedIsLostAndNamed() {
        accounting.producerStarted(1, "a");
        accounting.received(id(1, 1));
        accounting.received(id(1, 3));
        accounting.producerEnded(1, 3, 3, false);
        Tally tally = accounting.tally();
        assertEquals(1, tally.lost());
        assertEquals(2, tally.received());
        assertTrue(tally.examples().contains("lost: message 1/2"), tally.examples()::toString);
        assertBalances(tally);
    }

    @Test
    void onlyTheMessageAKilledConsumerHeldIsExcused() {
        accounting.producerStarted(1, "a");
        accounting.received(id(1, 1));
        accounting.heldByKilledConsumer(id(1, 2));
        accounting.heldByKilledConsumer(0); // a consumer killed before its first message
        accounting.producerEnded(1, 3, 3, false);
        Tally tally = accounting.tally();
        assertEquals(1, tally.heldByKilledConsumers());
        assertEquals(1, tally.lost(), "message 3 was held by nobody");
        assertBalances(tally);
    }

    @Test
    void aHeldMessageThatArrivedAnywayIsNeitherHeldNorLost() {
        accounting.producerStarted(1, "a");
        accounting.heldByKilledConsumer(id(1, 1)); // the ring consumer killed before its take was committed
        accounting.received(id(1, 1));
        accounting.producerEnded(1, 1, 1, false);
        Tally tally = accounting.tally();
        assertEquals(0, tally.heldByKilledConsumers());
        assertEquals(0, tally.lost());
        assertEquals(1, tally.received());
    }

    @Test
    void aSecondReceiptIsADuplicate() {
        accounting.producerStarted(1, "a");
        accounting.received(id(1, 1));
        accounting.received(id(1, 1));
        accounting.producerEnded(1, 1, 1, false);
        Tally tally = accounting.tally();
        assertEquals(1, tally.duplicated());
        assertEquals(1, tally.received());
        assertTrue(tally.examples().contains("duplicated: message 1/1"), tally.examples()::toString);
    }

    @Test
    void aCorruptedReceiptCountsAsCorruptedNotAlsoAsLost() {
        accounting.producerStarted(1, "a");
        accounting.received(id(1, 1) | Ledger.CORRUPTED);
        accounting.received(id(1, 2));
        accounting.producerEnded(1, 2, 2, false);
        Tally tally = accounting.tally();
        assertEquals(1, tally.corrupted());
        assertEquals(0, tally.lost());
        assertEquals(1, tally.received());
    }

    @Test
    void aReceiptNoProducerSentIsCorrupted() {
        accounting.producerStarted(1, "a");
        accounting.received(id(7, 1)); // no producer 7
        accounting.received(id(1, 2)); // producer 1 confirmed only 1 and was not killed
        accounting.received(id(1, 1));
        accounting.received(1L << 32); // sequence 0
        accounting.producerEnded(1, 1, 1, false);
        Tally tally = accounting.tally();
        assertEquals(3, tally.corrupted());
        assertEquals(1, tally.received());
        assertTrue(tally.examples().contains("corrupted: message 1/2 was received but never sent"),
                tally.examples()::toString);
    }

    @Test
    void aKilledProducersUnconfirmedMessageCountsOnlyIfItArrived() {
        accounting.producerStarted(1, "a");
        accounting.received(id(1, 1));
        accounting.received(id(1, 2)); // accepted, then the producer was killed before confirming it
        accounting.producerEnded(1, 1, 2, true);
        accounting.producerStarted(2, "b");
        accounting.producerEnded(2, 0, 1, true); // killed before its first message was accepted
        Tally tally = accounting.tally();
        assertEquals(1, tally.sent());
        assertEquals(1, tally.unconfirmedReceived());
        assertEquals(1, tally.unconfirmedNotReceived());
        assertEquals(2, tally.received());
        assertEquals(0, tally.lost());
        assertEquals(0, tally.corrupted());
        assertEquals(Map.of("a", 1L, "b", 0L), tally.sentByLane());
        assertBalances(tally);
    }

    @Test
    void aStoppedProducersPendingMessageWasNotSent() {
        accounting.producerStarted(1, "a");
        accounting.received(id(1, 1));
        accounting.producerEnded(1, 1, 2, false); // its send of 2 was ended by the removal: not accepted
        Tally tally = accounting.tally();
        assertEquals(0, tally.lost());
        assertEquals(0, tally.unconfirmedNotReceived());
    }

    @Test
    void settlingWhileAProducerRunsOrForAnUnknownProducerFails() {
        accounting.producerStarted(1, "a");
        assertThrows(IllegalStateException.class, accounting::tally);
        assertThrows(IllegalArgumentException.class, () -> accounting.producerEnded(2, 0, 0, false));
        assertThrows(IllegalArgumentException.class, () -> accounting.producerStarted(1, "a"));
    }
}
