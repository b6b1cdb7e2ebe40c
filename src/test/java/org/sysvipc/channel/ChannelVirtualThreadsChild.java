package org.sysvipc.channel;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.sysvipc.MessageBuffer;
import org.sysvipc.VirtualThreadsChild;

/**
 * Run by {@link ChannelVirtualThreadsTest} in a JVM whose virtual threads have two carriers and no
 * more: blocks a virtual thread in {@code receive} on each of the receivers' channels (half of them
 * timed), and as many in {@code send} on one full channel (half of them timed), waits until all of
 * them sleep in the kernel, runs other virtual threads to completion, then releases the blocked
 * ones and checks that each receiver got exactly its message and each sender's message arrived
 * exactly once. Prints one line per stage; exits 1 on a failure.
 */
public final class ChannelVirtualThreadsChild {
    /** The type of the messages that fill the senders' channel; the senders' are 1 to the number of senders. */
    private static final long FILL = 1L << 40;
    /** The default spin and yielding, and sleeps that only a wake-up ends (so that all sleep at once when counted). */
    private static final WaitPolicy POLICY = new WaitPolicy(WaitPolicy.defaults().spin(), WaitPolicy.defaults().yield(),
            Duration.ofHours(1));
    private static final Duration LONG = Duration.ofMinutes(10);

    private ChannelVirtualThreadsChild() {
    }

    /** Arguments: the segment id of the senders' channel (empty), then those of the receivers' channels. */
    public static void main(String[] args) throws Exception {
        Channel full = Channel.ofId(Integer.parseInt(args[0]));
        Channel[] receiving = new Channel[args.length - 1];
        for (int i = 0; i < receiving.length; i++) {
            receiving[i] = Channel.ofId(Integer.parseInt(args[i + 1]));
        }
        int blocked = receiving.length;
        AtomicIntegerArray received = new AtomicIntegerArray(blocked);
        AtomicIntegerArray sent = new AtomicIntegerArray(blocked);
        Thread[] threads = new Thread[2 * blocked];
        for (int i = 0; i < blocked; i++) {
            int index = i;
            ChannelConsumer consumer = receiving[i].openConsumer(POLICY);
            threads[i] = Thread.ofVirtual().start(() -> {
                boolean timed = index % 2 == 1;
                MessageHandler record = (type, message) -> received.set(index, (int) type);
                if (timed && !consumer.receive(record, LONG)) {
                    fail("receiver " + index + " timed out");
                } else if (!timed) {
                    consumer.receive(record);
                }
            });
        }
        ChannelProducer producer = full.producer(POLICY);
        int filled = 0;
        while (producer.trySend(FILL, MemorySegment.ofArray(new byte[Integer.BYTES]))) {
            filled++;
        }
        for (int i = 0; i < blocked; i++) {
            int index = i;
            threads[blocked + i] = Thread.ofVirtual().start(() -> {
                MemorySegment message = MemorySegment.ofArray(new byte[Integer.BYTES]);
                message.set(ValueLayout.JAVA_INT_UNALIGNED, 0, index);
                if (index % 2 == 1 && !producer.send(index + 1, message, LONG)) {
                    fail("sender " + index + " timed out");
                } else if (index % 2 == 0) {
                    producer.send(index + 1, message);
                }
                sent.incrementAndGet(index);
            });
        }
        awaitAllAsleep(full, receiving);
        System.out.println("blocked " + blocked + " channel receivers and " + blocked + " channel senders");

        VirtualThreadsChild.othersComplete();

        for (int i = 0; i < blocked; i++) {
            receiving[i].producer().send(i + 1, MemorySegment.ofArray(new byte[0]));
        }
        drainSenders(full, blocked, filled);
        for (Thread thread : threads) {
            if (!thread.join(Duration.ofSeconds(60))) {
                fail("a released virtual thread did not end: " + thread);
            }
        }
        for (int i = 0; i < blocked; i++) {
            if (received.get(i) != i + 1 || sent.get(i) != 1) {
                fail("receiver " + i + " got type " + received.get(i) + ", sender " + i + " returned " + sent.get(i)
                        + " times");
            }
            if (receiving[i].stats().messagesReceived() != 1) {
                fail("channel " + i + " received " + receiving[i].stats().messagesReceived() + " messages");
            }
        }
        System.out.println("each got exactly its message");
    }

    /** Receives everything the senders' channel gets: the fill, then each sender's message exactly once. */
    private static void drainSenders(Channel full, int senders, int filled) {
        int[] seen = new int[senders];
        int fills = 0;
        try (ChannelConsumer consumer = full.openConsumer(); Arena arena = Arena.ofConfined()) {
            MessageBuffer buffer = MessageBuffer.allocate(arena, Integer.BYTES);
            for (int i = 0; i < filled + senders; i++) {
                if (!consumer.receive(buffer, Duration.ofSeconds(60))) {
                    fail("only " + i + " of " + (filled + senders) + " messages came");
                }
                if (buffer.type() == FILL) {
                    fills++;
                } else {
                    int sender = buffer.payload().get(ValueLayout.JAVA_INT_UNALIGNED, 0);
                    if (buffer.type() != sender + 1) {
                        fail("sender " + sender + "'s message has type " + buffer.type());
                    }
                    seen[sender]++;
                }
            }
            if (consumer.tryReceive(buffer)) {
                fail("a message more, of type " + buffer.type());
            }
        }
        for (int i = 0; i < senders; i++) {
            if (seen[i] != 1) {
                fail("sender " + i + "'s message arrived " + seen[i] + " times");
            }
        }
        if (fills != filled) {
            fail(fills + " of " + filled + " fill messages arrived");
        }
    }

    /** Waits until a receiver sleeps on each receiving channel's semaphore, and every sender on the full one's. */
    private static void awaitAllAsleep(Channel full, Channel[] receiving) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            int receivers = 0;
            for (Channel channel : receiving) {
                receivers += channel.semaphores().countWaitingForIncrease(Layout.CONSUMER_SEMAPHORE);
            }
            int senders = full.semaphores().countWaitingForIncrease(Layout.PRODUCERS_SEMAPHORE);
            if (receivers == receiving.length && senders == receiving.length) {
                return;
            }
            if (System.nanoTime() > deadline) {
                fail(receivers + " receivers and " + senders + " senders sleep in the kernel, not " + receiving.length
                        + " each");
            }
            Thread.sleep(20);
        }
    }

    private static void fail(String why) {
        System.out.println("FAILED: " + why);
        System.out.flush();
        throw new AssertionError(why);
    }
}
