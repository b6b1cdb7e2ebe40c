package org.sysvipc.tools;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.sysvipc.Fifo;
import org.sysvipc.IpcKey;
import org.sysvipc.IpcObject;
import org.sysvipc.IpcPermissions;
import org.sysvipc.Message;
import org.sysvipc.MessageQueue;
import org.sysvipc.MessageQueueStat;
import org.sysvipc.OpenMode;
import org.sysvipc.SemaphoreSet;
import org.sysvipc.SharedMemory;
import org.sysvipc.tools.TutorialChild.Counting;

/**
 * The tutorial: the classic PHP System V IPC walk-through in Java, with child JVMs in place of
 * {@code pcntl_fork}. Lines starting with {@code #} explain; the others are what the processes
 * exchanged. Everything it creates is removed at the end, on failure, and on Ctrl-C; what a run
 * killed with SIGKILL left, the next run removes ({@link KilledTutorialRuns}).
 */
final class Tutorial {
    private static final String GREETING = "hello world";
    private static final long GREETING_TYPE = 1;
    /** How long to wait between looks at a queue while the child that should send to it lives. */
    private static final Duration RECEIVE_POLL = Duration.ofMillis(200);
    /**
     * How long a failure waits for a shutdown to start before it is reported: Ctrl-C signals the
     * children too, and one of them may end before this JVM's shutdown hook starts.
     */
    private static final Duration SHUTDOWN_GRACE = Duration.ofMillis(500);

    private final TutorialOptions options;
    private final PrintStream out;
    private final PrintStream err;
    private final Cleanup cleanup;
    /** What this run made, for a later run to remove should this one be killed. */
    private TutorialRunRecord record;
    private int failures;

    Tutorial(TutorialOptions options, PrintStream out, PrintStream err) {
        this.options = options;
        this.out = out;
        this.err = err;
        this.cleanup = new Cleanup(err, options.verbose());
    }

    /** Runs every section; returns 0 if every check passed, 1 otherwise. */
    int run() {
        cleanup.closeOnShutdown();
        try {
            Path directory = cleanup.created("directory",
                    Files.createTempDirectory(KilledTutorialRuns.DIRECTORY_PREFIX));
            record = TutorialRunRecord.create(directory);
            removeWhatKilledRunsLeft(directory);
            fifo(directory);
            messageQueue(directory);
            sharedCounter();
        } catch (Exception e) {
            if (cleanup.awaitClosing(SHUTDOWN_GRACE)) {
                return 130; // interrupted: the shutdown hook is cleaning up, and the JVM is exiting
            }
            err.println("tutorial: failed: " + e);
            failures++;
        } finally {
            cleanup.closeAll();
        }
        out.println();
        if (failures == 0) {
            out.println("# every check passed, and everything the tutorial created is removed");
            return 0;
        }
        out.println("# " + failures + (failures == 1 ? " check" : " checks") + " failed");
        return 1;
    }

    // ---- FIFO

    private void fifo(Path directory) throws IOException, InterruptedException {
        header("FIFO (named pipe)");
        Path path = directory.resolve("hello.fifo");
        Fifo fifo = Fifo.create(path, IpcPermissions.DEFAULT_MODE);
        cleanup.created("FIFO", path);
        note("made FIFO " + path + " (mode 0600)");
        ChildProcess child = ChildProcess.start(cleanup, TutorialChild.FIFO_WRITER, path);
        note("child " + child.pid() + " opens its write end and writes \"" + GREETING + "\";");
        note("the parent opens the read end and reads to end of stream:");
        String text = readAll(fifo, child);
        out.println(text);
        check(GREETING.equals(text), "the FIFO carried \"" + GREETING + "\", got \"" + text + "\"");
        checkExit(child);
        cleanup.remove(path);
        note("removed the FIFO");
    }

    /**
     * Reads the FIFO to end of stream. Opening the read end blocks until a writer opens, so if the
     * child dies first, the parent opens the write end itself to get out.
     */
    private String readAll(Fifo fifo, ChildProcess child) throws IOException {
        AtomicBoolean opened = new AtomicBoolean();
        Thread rescuer = Thread.ofVirtual().unstarted(() -> {
            try {
                child.await(cleanup);
                if (!opened.get()) {
                    // opening is all it takes; closing at once means end of stream
                    fifo.newOutputStream().close();
                }
            } catch (IOException | InterruptedException ignored) {
                // the parent's open fails or blocks on its own; nothing better to do here
            }
        });
        rescuer.start();
        try (InputStream in = fifo.newInputStream()) {
            opened.set(true);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    // ---- message queue

    private void messageQueue(Path directory) throws IOException, InterruptedException {
        header("Message queue");
        Path keyFile = cleanup.created("file", Files.createFile(directory.resolve("queue.key")));
        IpcKey key = IpcKey.ftok(keyFile, 'a');
        note("ftok(\"" + keyFile + "\", 'a') = " + String.format("0x%08x", key.value()));
        MessageQueue queue = made(MessageQueue.open(key, OpenMode.CREATE_NEW, IpcPermissions.DEFAULT_MODE));
        note("made message queue " + queue.id() + " with that key (mode 0600)");
        ChildProcess child = ChildProcess.start(cleanup, TutorialChild.QUEUE_SENDER, keyFile);
        note("child " + child.pid() + " computes the same key, opens the queue by it and sends \""
                + GREETING + "\" with type " + GREETING_TYPE + ";");
        note("the parent receives a message of type " + GREETING_TYPE + ":");
        Message message = receive(queue, child);
        out.println(message.text());
        check(message.type() == GREETING_TYPE && GREETING.equals(message.text()),
                "the queue carried \"" + GREETING + "\" with type 1, got " + message);
        checkExit(child);

        note("the queue's state now (what PHP's msg_stat_queue returns):");
        MessageQueueStat stat = queue.stat();
        field("msg_perm.uid", stat.permissions().uid());
        field("msg_perm.gid", stat.permissions().gid());
        field("msg_perm.mode", String.format("0%o", stat.permissions().accessBits()));
        field("msg_stime", time(stat.lastSend()));
        field("msg_rtime", time(stat.lastReceive()));
        field("msg_ctime", time(stat.lastChange()));
        field("msg_qnum", stat.messageCount());
        field("msg_qbytes", stat.maxBytes());
        field("msg_lspid", stat.lastSendPid() + " (the child)");
        field("msg_lrpid", stat.lastReceivePid() + " (the parent)");
        check(stat.messageCount() == 0, "msg_qnum is 0 after the receive, was " + stat.messageCount());
        check(stat.lastSendPid() == child.pid(), "msg_lspid is the child's pid " + child.pid());
        // Linux records the receiving thread's id when a sender hands the message to a waiting receiver
        check(stat.lastReceivePid() == ProcessHandle.current().pid()
                || Files.isDirectory(Path.of("/proc/self/task/" + stat.lastReceivePid())),
                "msg_lrpid is the parent's pid or one of its threads' ids");

        removeMade(queue);
        cleanup.remove(keyFile);
        note("removed the queue and the key file");
    }

    /** Receives the greeting, giving up once the child has ended without sending it. */
    private Message receive(MessageQueue queue, ChildProcess child) throws InterruptedException {
        while (true) {
            boolean childAlive = child.isAlive();
            Optional<Message> message = queue.receive(GREETING_TYPE, RECEIVE_POLL);
            if (message.isPresent()) {
                return message.get();
            }
            if (!childAlive) {
                throw new IllegalStateException("child process " + child.pid() + " ended (exit status "
                        + child.await(cleanup) + ") without sending a message");
            }
        }
    }

    // ---- shared memory and semaphores

    private void sharedCounter() throws IOException, InterruptedException {
        header("Shared memory guarded by a semaphore");
        // semaphore 0 is the lock (1: free); semaphore 1 the start gate (1: closed)
        SemaphoreSet set = made(
                SemaphoreSet.openInitialized(IpcKey.PRIVATE, IpcPermissions.DEFAULT_MODE, Duration.ZERO, 1, 1));
        SharedMemory memory = made(SharedMemory.createPrivate(Long.BYTES));
        note("made semaphore set " + set.id() + " (semaphore 0 is the lock, at 1) and shared memory segment "
                + memory.id() + " (" + Long.BYTES + " bytes of zeros: the counter)");
        try (SharedMemory.Attachment attachment = memory.attach()) {
            MemorySegment counter = attachment.segment();
            note("two children each lock the semaphore, read the counter, add 1, write it back and unlock:");
            long total = count(Counting.LOCKED, set, memory, counter, 2, 1).total();
            out.println(total);
            check(total == 2, "two locked increments make 2, got " + total);

            int processes = options.processes();
            int increments = options.increments();
            long expected = (long) processes * increments;
            String scale = processes + (processes == 1 ? " process" : " processes") + " x "
                    + String.format("%,d", increments) + (increments == 1 ? " increment" : " increments");

            header(scale + ", each under the semaphore");
            Run locked = count(Counting.LOCKED, set, memory, counter, processes, increments);
            out.println(locked.total());
            note("expected " + expected + "; " + locked.timing(expected));
            check(locked.total() == expected, "the locked counter reached " + expected + ", got " + locked.total());

            header(scale + ", lock-free: VarHandle getAndAdd on the segment");
            Run atomic = count(Counting.ATOMIC, set, memory, counter, processes, increments);
            out.println(atomic.total());
            note("expected " + expected + "; " + atomic.timing(expected));
            check(atomic.total() == expected, "the atomic counter reached " + expected + ", got " + atomic.total());

            header(scale + ", unguarded: read, add 1, write back without the semaphore");
            note("for contrast: processes overwrite each other's increments, so some are lost");
            Run unguarded = count(Counting.UNGUARDED, set, memory, counter, processes, increments);
            out.println(unguarded.total());
            long lost = expected - unguarded.total();
            note(lost > 0 ? lost + " of " + expected + " increments lost; " + unguarded.timing(expected)
                    : "none lost this time (luck, or too little overlap); " + unguarded.timing(expected));
        }
        removeMade(memory);
        removeMade(set);
        note("removed the segment and the semaphore set");
    }

    /** A counting run's result: the counter's final value and how long the counting took. */
    private record Run(long total, long nanos) {
        String timing(long increments) {
            return String.format("%.3f s, %.3f µs an increment", nanos / 1e9, nanos / 1e3 / increments);
        }
    }

    /**
     * Zeroes the counter, starts {@code processes} children that each add 1 {@code increments}
     * times as {@code counting} says, opens the gate once all are ready and times them until all
     * are done.
     */
    private Run count(Counting counting, SemaphoreSet set, SharedMemory memory, MemorySegment counter,
            int processes, int increments) throws IOException, InterruptedException {
        TutorialChild.COUNTER_HANDLE.setVolatile(counter, 0L, 0L);
        set.setValue(TutorialChild.GATE, 1);
        List<ChildProcess> children = new ArrayList<>();
        for (int i = 0; i < processes; i++) {
            children.add(ChildProcess.start(cleanup, TutorialChild.COUNTER, counting, set.id(), memory.id(),
                    increments));
        }
        for (ChildProcess child : children) {
            child.expect(TutorialChild.READY);
        }
        long start = System.nanoTime();
        set.setValue(TutorialChild.GATE, 0);
        for (ChildProcess child : children) {
            child.expect(TutorialChild.DONE);
        }
        long nanos = System.nanoTime() - start;
        for (ChildProcess child : children) {
            checkExit(child);
        }
        return new Run((long) TutorialChild.COUNTER_HANDLE.getVolatile(counter, 0L), nanos);
    }

    // ---- what this run made, and what killed runs left

    /** Registers an IPC object this run made for removal, and records it in case this run is killed. */
    private <T extends IpcObject> T made(T object) {
        cleanup.created(object);
        record.added(object);
        return object;
    }

    /** Removes an IPC object this run made, and its record. */
    private void removeMade(IpcObject object) {
        cleanup.remove(object);
        record.removed(object);
    }

    /** Removes what runs killed with SIGKILL left; a failure to look is reported, not fatal. */
    private void removeWhatKilledRunsLeft(Path directory) {
        try {
            KilledTutorialRuns.removeLeftovers(directory, err);
        } catch (IOException | RuntimeException e) {
            err.println("tutorial: could not look for what killed tutorial runs left: " + e);
        }
    }

    // ---- output and checks

    private void header(String title) {
        out.println();
        out.println("== " + title + " ==");
    }

    private void note(String text) {
        out.println("# " + text);
    }

    private void field(String name, Object value) {
        out.printf("%-14s %s%n", name, value);
    }

    private static String time(Instant instant) {
        return instant.getEpochSecond() + (instant.equals(Instant.EPOCH) ? " (never)" : " (" + instant + ")");
    }

    private void check(boolean passed, String what) {
        if (!passed && !cleanup.awaitClosing(SHUTDOWN_GRACE)) {
            err.println("tutorial: check failed: " + what);
            failures++;
        }
    }

    private void checkExit(ChildProcess child) throws InterruptedException {
        int status = child.await(cleanup);
        check(status == 0, "child process " + child.pid() + " exits with status 0, was " + status);
    }

}
