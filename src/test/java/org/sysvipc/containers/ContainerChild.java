package org.sysvipc.containers;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.sysvipc.Fifo;
import org.sysvipc.IpcException;
import org.sysvipc.IpcKey;
import org.sysvipc.IpcLimitReachedException;
import org.sysvipc.IpcLimits;
import org.sysvipc.Message;
import org.sysvipc.MessageQueue;
import org.sysvipc.OpenMode;
import org.sysvipc.SemaphoreLock;
import org.sysvipc.SemaphoreSet;
import org.sysvipc.SharedMemory;

/**
 * The process the container tests run inside containers, from the module's compiled classes;
 * {@code args[0]} names the role, and the role reports on stdout, one fact a line. Keys are
 * given in hex, ids and counts in decimal. A failed IPC call a role expects is reported as
 * {@code KIND EXCEPTION ERRNO MESSAGE}; anything else unexpected ends it with a stack trace and
 * exit status 1.
 */
public final class ContainerChild {
    /** The semaphores of a counting set ({@code counter-setup}). */
    static final int LOCK = 0;
    static final int GATE = 1;
    static final int READY = 2;
    static final int DONE = 3;
    /** How long a role waits for other processes before it gives up. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final VarHandle COUNTER = ValueLayout.JAVA_LONG.varHandle();

    private ContainerChild() {
    }

    public static void main(String[] args) throws Exception {
        List<String> rest = List.of(args).subList(1, args.length);
        switch (args[0]) {
            case "create" -> create(rest);
            case "use" -> use(key(rest.get(0)));
            case "queue-echo" -> queueEcho(key(rest.get(0)), Integer.parseInt(rest.get(1)));
            case "queue-ask" -> queueAsk(key(rest.get(0)), Integer.parseInt(rest.get(1)), rest.get(2));
            case "counter-setup" -> counterSetup();
            case "count" -> count(rest.get(0), SemaphoreSet.ofId(Integer.parseInt(rest.get(1))),
                    SharedMemory.ofId(Integer.parseInt(rest.get(2))), Integer.parseInt(rest.get(3)));
            case "count-run" -> countRun(SemaphoreSet.ofId(Integer.parseInt(rest.get(0))),
                    SharedMemory.ofId(Integer.parseInt(rest.get(1))), Integer.parseInt(rest.get(2)));
            case "limits" -> limits();
            case "fill-queues" -> fillQueues(Integer.parseInt(rest.get(0)));
            case "fifo-create" -> System.out.println("created " + Fifo.create(Path.of(rest.get(0)), 0600).path());
            case "fifo-write" -> fifoWrite(Path.of(rest.get(0)), rest.get(1));
            case "fifo-read" -> fifoRead(Path.of(rest.get(0)));
            case "sem-create" -> System.out.println(SemaphoreSet.openInitialized(
                    IpcKey.PRIVATE, 0600, Duration.ZERO, Integer.parseInt(rest.get(0))).id());
            case "hold-lock" -> holdLock(SemaphoreSet.ofId(Integer.parseInt(rest.get(0))));
            case "try-lock" -> tryLock(SemaphoreSet.ofId(Integer.parseInt(rest.get(0))));
            case "lock" -> lock(SemaphoreSet.ofId(Integer.parseInt(rest.get(0))));
            default -> throw new IllegalArgumentException("no role " + args[0]);
        }
    }

    private static IpcKey key(String hex) {
        return IpcKey.of(Integer.parseUnsignedInt(hex, 16));
    }

    private static void report(String kind, IpcException e) {
        System.out.println(kind + " " + e.getClass().getSimpleName() + " " + e.errno().name() + " " + e.getMessage());
    }

    /**
     * {@code create KEY MODE [GID]}: a queue, a set of one semaphore (at 1) and a 4 KiB segment
     * with the key and the octal mode, handed to group GID if given; prints their ids.
     */
    private static void create(List<String> args) {
        IpcKey key = key(args.get(0));
        int mode = Integer.parseInt(args.get(1), 8);
        MessageQueue queue = MessageQueue.open(key, OpenMode.CREATE_NEW, mode);
        SemaphoreSet set = SemaphoreSet.openInitialized(key, mode, Duration.ZERO, 1);
        SharedMemory memory = SharedMemory.open(key, OpenMode.CREATE_NEW, mode, 4096);
        if (args.size() > 2) {
            int gid = Integer.parseInt(args.get(2));
            queue.setPermissions(queue.stat().permissions().uid(), gid, mode);
            set.setPermissions(set.stat().permissions().uid(), gid, mode);
            memory.setPermissions(memory.stat().permissions().uid(), gid, mode);
        }
        System.out.println("queue " + queue.id());
        System.out.println("semaphores " + set.id());
        System.out.println("memory " + memory.id());
    }

    /**
     * {@code use KEY}: opens the queue, semaphore set and segment with the key and uses each
     * (a message there and back, the semaphore taken and given back, a write read back); prints
     * {@code KIND ok} or the failure, for each.
     */
    private static void use(IpcKey key) {
        try {
            MessageQueue queue = MessageQueue.open(key);
            queue.send(7, "ping".getBytes(StandardCharsets.UTF_8));
            System.out.println("queue ok " + queue.receive(7).text());
        } catch (IpcException e) {
            report("queue", e);
        }
        try {
            SemaphoreSet set = SemaphoreSet.open(key);
            try (SemaphoreLock lock = set.lock(0)) {
                System.out.println("semaphores ok " + set.getValue(0));
            }
        } catch (IpcException e) {
            report("semaphores", e);
        }
        try (SharedMemory.Attachment attachment = SharedMemory.open(key).attach()) {
            MemorySegment memory = attachment.segment();
            memory.set(ValueLayout.JAVA_LONG, 0, 42);
            System.out.println("memory ok " + memory.get(ValueLayout.JAVA_LONG, 0));
        } catch (IpcException e) {
            report("memory", e);
        }
    }

    /** {@code queue-echo KEY N}: N times, receives a type 1 message and answers it with type 2. */
    private static void queueEcho(IpcKey key, int count) throws InterruptedException {
        MessageQueue queue = MessageQueue.open(key);
        for (int i = 0; i < count; i++) {
            Message question = queue.receive(1, PATIENCE).orElseThrow();
            queue.send(2, ("echo from " + hostName() + ": " + question.text()).getBytes(StandardCharsets.UTF_8));
        }
        System.out.println("echoed " + count);
    }

    /** {@code queue-ask KEY N WORD}: N times, sends {@code WORD i} with type 1 and prints the type 2 answer. */
    private static void queueAsk(IpcKey key, int count, String word) throws InterruptedException {
        MessageQueue queue = MessageQueue.open(key);
        for (int i = 0; i < count; i++) {
            queue.send(1, (word + " " + i + " from " + hostName()).getBytes(StandardCharsets.UTF_8));
            System.out.println(queue.receive(2, PATIENCE).orElseThrow().text());
        }
    }

    /** Docker makes the host name the container's short id: it tells which container answered. */
    private static String hostName() {
        return System.getenv().getOrDefault("HOSTNAME", "?");
    }

    /**
     * {@code counter-setup}: a set of four semaphores (the lock at 1, the start gate closed at 1,
     * ready and done at 0) and an 8-byte segment, the counter; prints their ids.
     */
    private static void counterSetup() {
        SemaphoreSet set = SemaphoreSet.openInitialized(IpcKey.PRIVATE, 0600, Duration.ZERO, 1, 1, 0, 0);
        SharedMemory memory = SharedMemory.createPrivate(Long.BYTES);
        System.out.println(set.id() + " " + memory.id());
    }

    /**
     * {@code count locked|atomic SET SEGMENT N}: reports ready, waits for the gate to open, adds 1
     * to the counter N times (under the lock, read then write; or with an atomic add), reports done.
     */
    private static void count(String how, SemaphoreSet set, SharedMemory memory, int increments) {
        try (SharedMemory.Attachment attachment = memory.attach()) {
            MemorySegment counter = attachment.segment();
            set.release(READY);
            set.waitForZero(GATE);
            switch (how) {
                case "locked" -> {
                    for (int i = 0; i < increments; i++) {
                        try (SemaphoreLock lock = set.lock(LOCK)) {
                            // a plain read and write: only the lock keeps increments from being lost
                            counter.set(ValueLayout.JAVA_LONG, 0, counter.get(ValueLayout.JAVA_LONG, 0) + 1);
                        }
                    }
                }
                case "atomic" -> {
                    for (int i = 0; i < increments; i++) {
                        COUNTER.getAndAdd(counter, 0L, 1L);
                    }
                }
                default -> throw new IllegalArgumentException("no way of counting " + how);
            }
            set.release(DONE);
        }
        System.out.println("counted " + increments);
    }

    /**
     * {@code count-run SET SEGMENT PROCESSES}: zeroes the counter, waits for PROCESSES counters to be
     * ready, opens the gate, waits until all are done, prints the counter and closes the gate again.
     */
    private static void countRun(SemaphoreSet set, SharedMemory memory, int processes) {
        try (SharedMemory.Attachment attachment = memory.attach()) {
            MemorySegment counter = attachment.segment();
            COUNTER.setVolatile(counter, 0L, 0L);
            if (!set.tryAcquire(READY, processes, PATIENCE)) {
                throw new IllegalStateException("only " + set.getValue(READY) + " of " + processes + " counters ready");
            }
            set.setValue(GATE, 0);
            if (!set.tryAcquire(DONE, processes, PATIENCE)) {
                throw new IllegalStateException("only " + set.getValue(DONE) + " of " + processes + " counters done");
            }
            set.setValue(GATE, 1);
            System.out.println((long) COUNTER.getVolatile(counter, 0L));
        }
    }

    /** {@code limits}: the kernel's limits as the module reads them, {@code name=value} a line. */
    private static void limits() {
        IpcLimits limits = IpcLimits.current();
        System.out.println("msgmni=" + limits.msgmni());
        System.out.println("msgmnb=" + limits.msgmnb());
        System.out.println("msgmax=" + limits.msgmax());
        System.out.println("shmmni=" + limits.shmmni());
        System.out.println("semmni=" + limits.semmni());
    }

    /**
     * {@code fill-queues MAX}: creates private queues until the kernel refuses, at most MAX; prints
     * how many it made and the failure; removes them.
     */
    private static void fillQueues(int max) {
        List<MessageQueue> queues = new ArrayList<>();
        try {
            while (queues.size() < max) {
                queues.add(MessageQueue.createPrivate());
            }
            System.out.println("created " + queues.size() + ", no failure");
        } catch (IpcLimitReachedException e) {
            System.out.println("created " + queues.size());
            report("queue", e);
        } finally {
            queues.forEach(MessageQueue::remove);
        }
    }

    /** {@code fifo-write PATH TEXT}: opens the FIFO's write end (waiting for a reader) and writes TEXT. */
    private static void fifoWrite(Path path, String text) throws Exception {
        try (OutputStream out = Fifo.open(path).newOutputStream()) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        System.out.println("wrote");
    }

    /** {@code fifo-read PATH}: opens the FIFO's read end (waiting for a writer) and prints all it reads. */
    private static void fifoRead(Path path) throws Exception {
        try (InputStream in = Fifo.open(path).newInputStream()) {
            System.out.println(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** {@code hold-lock SET}: takes semaphore 0 with undo, prints {@code locked PID}, and waits to be killed. */
    private static void holdLock(SemaphoreSet set) throws InterruptedException {
        SemaphoreLock lock = set.lock(0);
        System.out.println("locked " + ProcessHandle.current().pid());
        System.out.flush();
        Thread.sleep(PATIENCE.multipliedBy(2));
        lock.close();
        System.out.println("never killed");
    }

    /** {@code try-lock SET}: prints {@code free} if semaphore 0 could be taken at once (and gives it back), else {@code held}. */
    private static void tryLock(SemaphoreSet set) {
        try (SemaphoreLock lock = set.tryLock(0)) {
            System.out.println(lock != null ? "free" : "held");
        }
    }

    /** {@code lock SET}: takes semaphore 0 (waiting at most a minute), prints {@code acquired} and the value left, gives it back. */
    private static void lock(SemaphoreSet set) {
        try (SemaphoreLock lock = set.tryLock(0, PATIENCE)) {
            System.out.println(lock != null ? "acquired, value now " + set.getValue(0) : "timed out");
        }
    }
}
