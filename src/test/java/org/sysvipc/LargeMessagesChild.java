package org.sysvipc;

import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.sysvipc.php.PhpMessageQueue;

/**
 * {@link LargeMessagesTest}'s other process, run in an IPC namespace whose msgmax is above the
 * 8192 bytes a thread's receive buffer starts with. Prints one line per check.
 */
public final class LargeMessagesChild {
    private LargeMessagesChild() {
    }

    public static void main(String[] args) {
        int length = Integer.parseInt(args[0]);
        int cut = Integer.parseInt(args[1]);
        byte[] payload = new byte[length];
        new Random(length).nextBytes(payload);
        MessageQueue queue = MessageQueue.createPrivate();
        try {
            queue.send(1, payload);
            System.out.println("receive whole " + Arrays.equals(payload, queue.receive(0).data()));

            queue.send(2, payload);
            try {
                queue.receive(0, cut);
                System.out.println("bounded receive took it");
            } catch (IpcTooLargeException e) {
                System.out.println("bounded receive " + e.errno() + ", left " + queue.stat().messageCount());
            }
            byte[] truncated = queue.receive(0, cut, ReceiveOption.TRUNCATE).data();
            System.out.println("truncated to " + truncated.length + " " + Arrays.equals(payload, 0, cut, truncated, 0, cut));

            queue.send(3, payload);
            System.out.println("peek whole " + Arrays.equals(payload, queue.peek(0).orElseThrow().data()));
            ByteBuffer into = ByteBuffer.allocate(length);
            queue.receive(3, into);
            System.out.println("into a ByteBuffer " + Arrays.equals(payload, into.array()));

            PhpMessageQueue php = PhpMessageQueue.of(queue);
            String text = "x".repeat(length);
            php.send(4, text);
            System.out.println("php whole " + text.equals(php.receive(0, Integer.MAX_VALUE).value()));

            try (Arena arena = Arena.ofConfined()) {
                MessageBuffer buffer = MessageBuffer.allocate(arena, length);
                queue.send(5, payload);
                queue.receive(0, buffer);
                System.out.println("buffer whole " + Arrays.equals(payload, buffer.toByteArray()));
            }
        } finally {
            queue.remove();
        }
    }
}
