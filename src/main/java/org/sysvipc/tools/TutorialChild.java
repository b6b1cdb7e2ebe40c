package org.sysvipc.tools;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.sysvipc.Fifo;
import org.sysvipc.IpcKey;
import org.sysvipc.MessageQueue;
import org.sysvipc.SemaphoreLock;
import org.sysvipc.SemaphoreSet;
import org.sysvipc.SharedMemory;
import org.sysvipc.tools.Main.UsageException;

/**
 * The tutorial's child processes, one role each, started by {@link ChildProcess} with the hidden
 * command {@value #COMMAND}. A child reports progress on stdout, one word a line.
 */
final class TutorialChild {
    static final String COMMAND = "tutorial-child";

    static final String FIFO_WRITER = "fifo-writer";
    static final String QUEUE_SENDER = "queue-sender";
    static final String COUNTER = "counter";

    /** Semaphore 0 of the tutorial's set: the lock around the counter. */
    static final int MUTEX = 0;
    /** Semaphore 1: the start gate; counting children wait for it to be 0. */
    static final int GATE = 1;

    static final String READY = "ready";
    static final String DONE = "done";

    /** How the counting children add 1 to the shared counter. */
    enum Counting {
        /** Read, add 1, write, each time under the semaphore lock. */
        LOCKED,
        /** One atomic getAndAdd on the shared memory. */
        ATOMIC,
        /** Read, add 1, write, without a lock: increments race and get lost. */
        UNGUARDED
    }

    /** The counter's accessor: a long at offset 0 of the segment, coordinates (segment, offset). */
    static final VarHandle COUNTER_HANDLE = ValueLayout.JAVA_LONG.varHandle();

    private TutorialChild() {
    }

    static int run(List<String> args, PrintStream out) throws IOException {
        if (args.isEmpty()) {
            throw new UsageException(COMMAND + " needs a role");
        }
        String role = args.getFirst();
        if (!List.of(FIFO_WRITER, QUEUE_SENDER, COUNTER).contains(role)) {
            throw new UsageException("no child role " + role);
        }
        exitWithParent();
        switch (role) {
            case FIFO_WRITER -> writeToFifo(Path.of(argument(args, 1)));
            case QUEUE_SENDER -> sendToQueue(Path.of(argument(args, 1)));
            default -> count(Counting.valueOf(argument(args, 1)), Integer.parseInt(argument(args, 2)),
                    Integer.parseInt(argument(args, 3)), Integer.parseInt(argument(args, 4)), out);
        }
        return 0;
    }

    /** Opens the write end of the FIFO the parent made and writes the greeting. */
    private static void writeToFifo(Path path) throws IOException {
        try (OutputStream out = Fifo.open(path).newOutputStream()) {
            out.write("hello world".getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Finds the parent's queue by key, as an unrelated process would, and sends the greeting. */
    private static void sendToQueue(Path keyFile) {
        MessageQueue queue = MessageQueue.open(IpcKey.ftok(keyFile, 'a'));
        queue.send(1, "hello world".getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Adds 1 to the counter at offset 0 of the segment {@code increments} times, the way
     * {@code counting} says, once the parent opens the start gate.
     */
    @SuppressWarnings("try") // the lock is held, not used, inside its try
    private static void count(Counting counting, int setId, int memoryId, int increments, PrintStream out) {
        SemaphoreSet set = SemaphoreSet.ofId(setId);
        try (SharedMemory.Attachment attachment = SharedMemory.ofId(memoryId).attach()) {
            MemorySegment counter = attachment.segment();
            out.println(READY);
            out.flush();
            set.waitForZero(GATE);
            switch (counting) {
                case LOCKED -> {
                    for (int i = 0; i < increments; i++) {
                        try (SemaphoreLock lock = set.lock(MUTEX)) {
                            // semop is a system call: a full barrier, so plain access is safe inside the lock
                            long value = counter.get(ValueLayout.JAVA_LONG, 0);
                            counter.set(ValueLayout.JAVA_LONG, 0, value + 1);
                        }
                    }
                }
                case ATOMIC -> {
                    for (int i = 0; i < increments; i++) {
                        COUNTER_HANDLE.getAndAdd(counter, 0L, 1L);
                    }
                }
                case UNGUARDED -> {
                    for (int i = 0; i < increments; i++) {
                        // each access reaches memory, but another process may write between the two
                        long value = (long) COUNTER_HANDLE.getVolatile(counter, 0L);
                        COUNTER_HANDLE.setVolatile(counter, 0L, value + 1);
                    }
                }
            }
            out.println(DONE);
            out.flush();
        }
    }

    /**
     * Ends this JVM when the parent's end of stdin closes, which happens when the parent ends in
     * any way, so that no child outlives the tutorial.
     */
    private static void exitWithParent() {
        Thread watcher = new Thread(() -> {
            try {
                while (System.in.read() != -1) {
                    // the parent writes nothing; anything read is ignored
                }
            } catch (IOException ignored) {
                // as good as end of stream
            }
            Runtime.getRuntime().halt(3);
        }, "parent-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static String argument(List<String> args, int index) {
        if (index >= args.size()) {
            throw new UsageException(COMMAND + " " + args.getFirst() + " needs more arguments");
        }
        return args.get(index);
    }
}
