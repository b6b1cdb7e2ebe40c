package org.sysvipc.testing;

import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sysvipc.Errno;
import org.sysvipc.Fifo;
import org.sysvipc.IpcKey;
import org.sysvipc.IpcLimits;
import org.sysvipc.IpcListing;
import org.sysvipc.IpcSupport;
import org.sysvipc.MessageQueue;
import org.sysvipc.SemaphoreSet;
import org.sysvipc.SharedMemory;
import org.sysvipc.internal.IpcKind;
import org.sysvipc.internal.Limits;
import org.sysvipc.internal.Structs;
import org.sysvipc.internal.UserCalls;

/**
 * A child JVM's main for the tests of where and how the module can be used ({@link AvailabilityJvm}).
 * It is outside the module's packages, so that it also runs with the module on the module path.
 * It prints {@link #RESULT}-prefixed lines; whatever it calls may throw, which ends the JVM with
 * the throwable on stderr.
 *
 * <ul>
 * <li>{@code probe}: prints {@code IpcSupport.isAvailable()} and the reason.</li>
 * <li>{@code queue}: a first use: creates, uses and removes a private message queue.</li>
 * <li>{@code key}: a first use through a class's initialisation: {@code IpcKey.PRIVATE}.</li>
 * <li>{@code layouts}: the size of the {@code struct semid_ds} the module allocates and where a
 *     {@code struct msgbuf}'s text starts, after initialising the classes that find struct fields
 *     by name, all without a native call (class path only).</li>
 * <li>{@code everything}: every kind of object and every struct: queue, semaphore set, shared
 *     memory and their states, the listing, the limits, a FIFO, errno's text and a user's name
 *     (class path only).</li>
 * </ul>
 */
public final class AvailabilityChild {
    /** The prefix of the lines this program prints, which -verbose:class's lines do not have. */
    public static final String RESULT = "result: ";

    private AvailabilityChild() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "probe" -> {
                print("available " + IpcSupport.isAvailable());
                print("reason " + IpcSupport.unavailabilityReason().orElse("none"));
            }
            case "queue" -> {
                MessageQueue queue = MessageQueue.createPrivate();
                try {
                    queue.send(1, "hello".getBytes());
                    print("received " + queue.receive(0).text());
                } finally {
                    queue.remove();
                }
            }
            case "key" -> print("private key " + IpcKey.PRIVATE.value());
            case "layouts" -> {
                try (Arena arena = Arena.ofConfined()) {
                    print("semid_ds " + IpcKind.SEMAPHORE_SET.allocateState(arena).byteSize());
                }
                // the classes that find struct fields by name, initialised without a native call
                print("msgbuf text at " + Structs.MSGBUF_TEXT_OFFSET);
                Class.forName(Limits.class.getName(), true, AvailabilityChild.class.getClassLoader());
            }
            case "everything" -> everything();
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    private static void everything() throws Exception {
        MessageQueue queue = MessageQueue.createPrivate();
        try {
            queue.send(7, "hello".getBytes());
            print("queue received " + queue.receive(0).text() + ", messages left " + queue.stat().messageCount());
        } finally {
            queue.remove();
        }
        SemaphoreSet set = SemaphoreSet.createPrivate(3);
        try {
            set.release(2, 5);
            set.acquire(2, 2);
            print("semaphore set of " + set.stat().count() + ", value " + set.getValue(2));
        } finally {
            set.remove();
        }
        SharedMemory memory = SharedMemory.createPrivate(8192);
        try (var attachment = memory.attach()) {
            attachment.segment().set(java.lang.foreign.ValueLayout.JAVA_INT, 0, 42);
            print("segment of " + memory.stat().size() + " bytes, attached " + memory.stat().attachCount());
        } finally {
            memory.remove();
        }
        print("listed " + (IpcListing.messageQueues().size() >= 0) + ", msgmax " + IpcLimits.current().msgmax());
        Path directory = Files.createTempDirectory("availability");
        Path fifo = directory.resolve("fifo");
        try {
            Fifo.create(fifo, 0600);
            print("fifo " + Fifo.isFifo(fifo));
        } finally {
            Files.deleteIfExists(fifo);
            Files.delete(directory);
        }
        print("ENOENT " + Errno.ENOENT.description() + ", uid 0 is " + UserCalls.userName(0).orElse("nobody"));
    }

    private static void print(String line) {
        System.out.println(RESULT + line);
    }
}
