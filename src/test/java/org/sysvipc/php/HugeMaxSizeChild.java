package org.sysvipc.php;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sysvipc.MessageQueue;

/**
 * {@link PhpMessageQueueTest}'s other process: receives with a maximum size of
 * {@code Integer.MAX_VALUE} from the queue with the given id, which holds one message, as
 * {@code msg_receive($q, 0, $type, PHP_INT_MAX...)} might: first with no wait on another type
 * (nothing matches), then the message. Prints {@code received VALUE} and
 * {@code peak grew KB}: how much the process's peak resident memory grew meanwhile.
 */
public final class HugeMaxSizeChild {
    private HugeMaxSizeChild() {
    }

    public static void main(String[] args) throws IOException {
        PhpMessageQueue queue = PhpMessageQueue.of(MessageQueue.ofId(Integer.parseInt(args[0])));
        Path self = Path.of("/proc/self");
        Files.writeString(self.resolve("clear_refs"), "5"); // resets the peak (VmHWM) to the current size
        long before = peakKilobytes(self);
        boolean nothing = queue.tryReceive(2, Integer.MAX_VALUE).isEmpty();
        PhpMessage message = queue.receive(0, Integer.MAX_VALUE);
        long after = peakKilobytes(self);
        System.out.println("nothing of type 2 " + nothing);
        System.out.println("received " + message.value());
        System.out.println("peak grew " + (after - before));
    }

    private static long peakKilobytes(Path self) throws IOException {
        for (String line : Files.readAllLines(self.resolve("status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmHWM in /proc/self/status");
    }
}
