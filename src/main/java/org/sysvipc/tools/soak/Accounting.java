package org.sysvipc.tools.soak;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The message ledger of a whole run: what each producer had accepted, what was received, and
 * what killed consumers held. From these alone it tells, exactly, what was lost, duplicated or
 * corrupted.
 *
 * <p>A producer's messages are numbered 1, 2, 3... and each is sent until accepted, so what it
 * sent is 1 up to the last number it confirmed. A producer killed mid-send may have had one more
 * accepted, unconfirmed: that one counts as sent only if it was received. Each received number
 * is a bit, so that a run of millions of messages takes a few megabytes. A confirmed message
 * nobody logged is lost, unless a killed consumer held it: then it is reported as held, which is
 * allowed, since a killed consumer cannot log what it held (at most one message each). A message
 * received corrupted counts as corrupted, not also as lost.
 *
 * <p>Thread-safe.
 */
final class Accounting {
    /** Defects named in the report, at most this many. */
    private static final int EXAMPLES = 5;

    private final Map<Integer, Producer> producers = new HashMap<>();
    private final Set<Long> held = new HashSet<>();
    /** Ids of messages received corrupted: counted as such, not also as lost. */
    private final Set<Long> corruptedIds = new HashSet<>();
    private final List<String> examples = new ArrayList<>();
    private long receipts;
    private long duplicated;
    private long corrupted;

    /** One producer's account. */
    private static final class Producer {
        final String lane;
        final BitSet received = new BitSet();
        long confirmed;
        long pending;
        boolean ended;
        boolean killed;

        Producer(String lane) {
            this.lane = lane;
        }
    }

    /** Opens the account of producer {@code number} of {@code lane}, before it starts. */
    synchronized void producerStarted(int number, String lane) {
        if (producers.putIfAbsent(number, new Producer(lane)) != null) {
            throw new IllegalArgumentException("producer " + number + " started twice");
        }
    }

    /**
     * Closes producer {@code number}'s account once it ended.
     *
     * @param confirmed the last message it confirmed the lane accepted
     * @param pending   the last message it was sending, accepted or not
     * @param killed    whether the soak killed it; only then can {@code pending} have been accepted unconfirmed
     */
    synchronized void producerEnded(int number, long confirmed, long pending, boolean killed) {
        Producer producer = producer(number);
        producer.confirmed = confirmed;
        producer.pending = Math.max(confirmed, pending);
        producer.killed = killed;
        producer.ended = true;
    }

    /** Records a receipt: a {@link Ledger} entry, a message id possibly flagged {@link Ledger#CORRUPTED}. */
    synchronized void received(long entry) {
        receipts++;
        long id = entry & ~Ledger.CORRUPTED;
        Producer producer = producers.get(SoakMessage.producer(id));
        long sequence = SoakMessage.sequence(id);
        if (entry < 0 || producer == null || sequence == 0) {
            corrupted++;
            example((entry < 0 ? "corrupted: message " : "corrupted: no producer sent message ") + SoakMessage.describe(id));
            corruptedIds.add(id);
            return;
        }
        if (producer.received.get((int) sequence)) {
            duplicated++;
            example("duplicated: message " + SoakMessage.describe(id));
        }
        producer.received.set((int) sequence);
    }

    /** Records that a consumer was killed holding message {@code id}, received but not logged; 0 means none. */
    synchronized void heldByKilledConsumer(long id) {
        if (id != 0) {
            held.add(id);
        }
    }

    /** {@return the receipts recorded so far, for progress reports} */
    synchronized long receipts() {
        return receipts;
    }

    /** {@return the accounts settled: every producer must have ended} */
    synchronized Tally tally() {
        long sent = 0, received = 0, lost = 0, heldLost = 0, unconfirmedReceived = 0, unconfirmedNotReceived = 0;
        long neverSent = 0;
        List<String> found = new ArrayList<>(examples);
        Map<String, Long> sentByLane = new TreeMap<>();
        for (Map.Entry<Integer, Producer> account : producers.entrySet()) {
            int number = account.getKey();
            Producer producer = account.getValue();
            if (!producer.ended) {
                throw new IllegalStateException("producer " + number + " has not ended");
            }
            BitSet bits = producer.received;
            int confirmed = (int) producer.confirmed;
            long lastSent = producer.killed ? producer.pending : producer.confirmed;
            sent += confirmed;
            sentByLane.merge(producer.lane, (long) confirmed, Long::sum);
            for (int sequence = bits.nextClearBit(1); sequence <= confirmed; sequence = bits.nextClearBit(sequence + 1)) {
                long id = SoakMessage.id(number, sequence);
                if (held.contains(id)) {
                    heldLost++;
                } else if (!corruptedIds.contains(id)) {
                    lost++;
                    if (found.size() < EXAMPLES) {
                        found.add("lost: message " + number + "/" + sequence);
                    }
                }
            }
            for (long sequence = confirmed + 1; sequence <= lastSent; sequence++) {
                if (bits.get((int) sequence)) {
                    unconfirmedReceived++;
                } else {
                    unconfirmedNotReceived++;
                }
            }
            received += bits.get(1, (int) lastSent + 1).cardinality();
            for (int sequence = bits.nextSetBit((int) lastSent + 1); sequence >= 0; sequence = bits.nextSetBit(sequence + 1)) {
                neverSent++;
                if (found.size() < EXAMPLES) {
                    found.add("corrupted: message " + number + "/" + sequence + " was received but never sent");
                }
            }
        }
        return new Tally(sent, sentByLane, received, lost, heldLost, duplicated, corrupted + neverSent,
                unconfirmedReceived, unconfirmedNotReceived, found);
    }

    private Producer producer(int number) {
        Producer producer = producers.get(number);
        if (producer == null) {
            throw new IllegalArgumentException("no producer " + number);
        }
        return producer;
    }

    private void example(String defect) {
        if (examples.size() < EXAMPLES) {
            examples.add(defect);
        }
    }
}
