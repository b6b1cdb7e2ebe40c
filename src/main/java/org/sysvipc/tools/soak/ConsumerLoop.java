package org.sysvipc.tools.soak;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.sysvipc.IpcRemovedException;
import org.sysvipc.MessageBuffer;

/**
 * A consumer: receives messages from its lane into its mailbox, checks each, records its latency
 * and appends its id to its {@link Ledger}, until the soak says stop. Between the receive and the
 * append the message is held: a consumer killed then takes it along, and the soak finds it in the
 * mailbox. A lane's removal makes it open the lane again.
 */
record ConsumerLoop(Scoreboard board, WorkerSlot slot, LaneEndpoint lane, WorkerSpec spec, Injection injection) {
    void run() {
        MailboxArena arena = new MailboxArena(slot.mailbox());
        MessageBuffer mailbox = MessageBuffer.allocate(arena, SoakMessage.MAX_BYTES);
        slot.mailboxPayloadAt(arena.offsetOf(mailbox.payload()));
        LatencyHistogram latency = slot.latency();
        Ledger ledger = slot.ledger();
        long count = 0;
        while (true) {
            boolean received;
            try {
                received = lane.receive(mailbox);
            } catch (IpcRemovedException removed) {
                slot.removalNoticed();
                if (board.consumersStopped() || !lane.reopen(board::consumersStopped)) {
                    return;
                }
                continue;
            }
            if (!received) {
                if (board.consumersStopped()) {
                    return;
                }
                continue;
            }
            count++;
            MemorySegment message = mailbox.payload();
            boolean intact = SoakMessage.isIntact(message, mailbox.length());
            if (intact) {
                latency.record(System.nanoTime() - SoakMessage.sentNanosOf(message));
            }
            long entry = SoakMessage.idOf(message) | (intact ? 0 : Ledger.CORRUPTED);
            boolean injectedHere = count == Injection.AT_MESSAGE;
            if (!(injectedHere && injection == Injection.LOSS)) {
                ledger.append(entry);
            }
            if (injectedHere && injection == Injection.DUPLICATE) {
                ledger.append(entry);
            }
            if (spec.pausesAfter(count)) {
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(spec.pauseMicros()));
            }
        }
    }
}
