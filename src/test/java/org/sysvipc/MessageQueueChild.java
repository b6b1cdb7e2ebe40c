package org.sysvipc;

import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32;

/** The other processes of {@link MessageQueueProcessTest} and {@link MessageQueueTest}; each reports on stdout. */
public final class MessageQueueChild {
    /** The type that tells a consumer to stop. */
    static final long STOP = 1;
    /** The type of data messages. */
    static final long DATA = 2;

    private MessageQueueChild() {
    }

    /**
     * Runs one role.
     *
     * @param args the role and its arguments
     */
    public static void main(String[] args) {
        String role = args[0];
        try {
            switch (role) {
                case "open-and-send" -> {
                    MessageQueue queue = MessageQueue.open(IpcKey.of(Integer.parseInt(args[1])));
                    queue.send(DATA, "hello world".getBytes());
                    System.out.println("sent");
                }
                case "of-id-and-send" -> {
                    MessageQueue queue = MessageQueue.ofId(Integer.parseInt(args[1]));
                    System.out.println("key " + queue.key());
                    queue.send(DATA, "by id".getBytes());
                    System.out.println("sent");
                }
                case "receive" -> {
                    MessageQueue queue = MessageQueue.ofId(Integer.parseInt(args[1]));
                    System.out.println("receiving");
                    System.out.flush();
                    System.out.println("received " + queue.receive(0).text());
                }
                case "produce" -> produce(MessageQueue.ofId(Integer.parseInt(args[1])), Integer.parseInt(args[2]),
                        Integer.parseInt(args[3]));
                case "consume" -> consume(MessageQueue.ofId(Integer.parseInt(args[1])));
                default -> throw new IllegalArgumentException(role);
            }
        } catch (IpcException e) {
            System.out.println(e.getClass().getSimpleName() + " " + e.getMessage());
        }
    }

    /** Sends {@code count} messages: producer, sequence, random bytes, CRC32 of all before it. */
    private static void produce(MessageQueue queue, int producer, int count) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int sequence = 0; sequence < count; sequence++) {
            byte[] noise = new byte[random.nextInt(0, 200)];
            random.nextBytes(noise);
            ByteBuffer message = ByteBuffer.allocate(8 + noise.length + 8);
            message.putInt(producer).putInt(sequence).put(noise);
            CRC32 crc = new CRC32();
            crc.update(message.array(), 0, message.position());
            message.putLong(crc.getValue()).flip();
            queue.send(DATA, message);
        }
        System.out.println("produced " + count);
    }

    /** Receives until a STOP message, checking each message's CRC and printing "producer sequence". */
    private static void consume(MessageQueue queue) {
        StringBuilder out = new StringBuilder();
        while (true) {
            Message message = queue.receive(0);
            if (message.type() == STOP) {
                break;
            }
            ByteBuffer data = ByteBuffer.wrap(message.data());
            CRC32 crc = new CRC32();
            crc.update(data.array(), 0, data.limit() - 8);
            long expected = data.getLong(data.limit() - 8);
            out.append(crc.getValue() == expected ? "ok " : "corrupt ")
                    .append(data.getInt(0)).append(' ').append(data.getInt(4)).append('\n');
        }
        System.out.print(out);
    }
}
