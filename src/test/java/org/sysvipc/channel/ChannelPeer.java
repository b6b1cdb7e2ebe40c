package org.sysvipc.channel;

import java.lang.foreign.MemorySegment;
import java.time.Duration;

/**
 * The Java side of the multi-process channel tests, run in a child JVM, with the modes of
 * {@code channel_peer.c}:
 * <pre>
 * send &lt;shmid&gt; &lt;producer&gt; &lt;count&gt; &lt;max&gt;       prints: sent &lt;count&gt; &lt;checksum&gt;
 * send-forever &lt;shmid&gt; &lt;producer&gt; &lt;max&gt;       sends until killed, printing "started" first
 * receive &lt;shmid&gt; &lt;count&gt;                     prints: producer &lt;p&gt; &lt;count&gt; &lt;checksum&gt; lines
 * receive-and-vanish &lt;shmid&gt; &lt;count&gt;          receives count messages, then halts without closing
 * receive-forever &lt;shmid&gt;                       receives until killed, printing "consuming" first
 * </pre>
 * With the environment variable {@code CHANNEL_SLEEP_AT_ONCE} set, every wait sleeps at once and
 * wakes only when woken (a check interval of an hour).
 */
public final class ChannelPeer {
    private ChannelPeer() {
    }

    public static void main(String[] args) {
        WaitPolicy policy = System.getenv("CHANNEL_SLEEP_AT_ONCE") != null
                ? WaitPolicy.sleepAtOnce(Duration.ofHours(1)) : WaitPolicy.defaults();
        try (Channel channel = Channel.ofId(Integer.parseInt(args[1]))) {
            switch (args[0]) {
                case "send" -> {
                    int producer = Integer.parseInt(args[2]);
                    long count = Long.parseLong(args[3]);
                    int max = Integer.parseInt(args[4]);
                    System.out.printf("sent %d %016x%n", count, send(channel.producer(policy), producer, 1, count, max));
                }
                case "send-forever" -> {
                    System.out.println("started");
                    System.out.flush();
                    send(channel.producer(policy), Integer.parseInt(args[2]), 1, Long.MAX_VALUE,
                            Integer.parseInt(args[3]));
                }
                case "receive" -> {
                    TestMessages.Tally tally = new TestMessages.Tally(channel.maxMessageSize(), false);
                    try (ChannelConsumer consumer = channel.openConsumer(policy)) {
                        for (long i = 0, count = Long.parseLong(args[2]); i < count; i++) {
                            consumer.receive(tally);
                        }
                    }
                    System.out.print(tally.lines());
                }
                case "receive-and-vanish" -> {
                    TestMessages.Tally tally = new TestMessages.Tally(channel.maxMessageSize(), false);
                    ChannelConsumer consumer = channel.openConsumer(policy);
                    for (long i = 0, count = Long.parseLong(args[2]); i < count; i++) {
                        consumer.receive(tally);
                    }
                    System.out.print(tally.lines());
                    System.out.flush();
                    Runtime.getRuntime().halt(0); // dies as the consumer, without closing it
                }
                case "receive-forever" -> {
                    TestMessages.Tally tally = new TestMessages.Tally(channel.maxMessageSize(), false);
                    ChannelConsumer consumer = channel.openConsumer(policy);
                    System.out.println("consuming");
                    System.out.flush();
                    while (true) {
                        consumer.receive(tally);
                    }
                }
                default -> throw new IllegalArgumentException("unknown mode " + args[0]);
            }
        }
    }

    /** Sends messages first..last of the producer and returns their checksum. */
    static long send(ChannelProducer producer, int id, long first, long last, int max) {
        byte[] bytes = new byte[max];
        long hash = TestMessages.FNV_START;
        for (long k = first; k <= last; k++) {
            int length = TestMessages.fill(bytes, id, k, max);
            MemorySegment message = MemorySegment.ofArray(bytes).asSlice(0, length);
            producer.send(TestMessages.type(id, k), message);
            hash = TestMessages.account(hash, TestMessages.type(id, k), message);
        }
        return hash;
    }
}
