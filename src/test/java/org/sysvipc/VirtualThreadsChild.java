package org.sysvipc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.Stream;

/**
 * Run by {@link VirtualThreadsTest} in a JVM whose virtual threads have two carriers and no more
 * ({@code jdk.virtualThreadScheduler.parallelism} and {@code maxPoolSize} 2): blocks
 * {@code receivers} virtual threads on a queue, each on a type of its own, and as many on a
 * semaphore each, then runs other virtual threads to completion, then releases the blocked ones
 * and checks that each got exactly its message or unit. Prints one line per stage; exits 1 on a
 * failure.
 */
public final class VirtualThreadsChild {
    private VirtualThreadsChild() {
    }

    /**
     * Arguments: the queue's id, the set's id (one semaphore per acquirer, all 0), the number blocked
     * on each, then a directory and the number of FIFOs to make there and block on.
     */
    public static void main(String[] args) throws Exception {
        MessageQueue queue = MessageQueue.ofId(Integer.parseInt(args[0]));
        SemaphoreSet set = SemaphoreSet.ofId(Integer.parseInt(args[1]));
        run(queue, set, Integer.parseInt(args[2]));
        fifos(Path.of(args[3]), Integer.parseInt(args[4]));
    }

    /** Blocks a virtual thread per FIFO opening its read end, then reading it; others run meanwhile. */
    private static void fifos(Path directory, int count) throws Exception {
        Fifo[] fifos = new Fifo[count];
        AtomicIntegerArray got = new AtomicIntegerArray(count);
        Thread[] threads = new Thread[count];
        for (int i = 0; i < count; i++) {
            int index = i;
            fifos[i] = Fifo.create(directory.resolve("fifo-" + i), 0600);
            threads[i] = Thread.ofVirtual().start(() -> {
                try (FileChannel in = fifos[index].openReader()) {
                    ByteBuffer one = ByteBuffer.allocate(1);
                    if (in.read(one) == 1) {
                        got.set(index, one.get(0) + 1);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        awaitThreads(count, "wait_for_partner");
        othersComplete();
        List<FileChannel> writers = new ArrayList<>();
        for (Fifo fifo : fifos) {
            writers.add(fifo.openWriter()); // a reader waits: this does not
        }
        awaitThreads(count, "pipe_read", "anon_pipe_read");
        othersComplete();
        System.out.println("blocked " + count + " FIFO opens, then " + count + " FIFO reads");
        for (int i = 0; i < count; i++) {
            writers.get(i).write(ByteBuffer.wrap(new byte[] {(byte) i}));
            writers.get(i).close();
        }
        for (int i = 0; i < count; i++) {
            if (!threads[i].join(java.time.Duration.ofSeconds(60)) || got.get(i) != i + 1) {
                fail("FIFO reader " + i + " got " + (got.get(i) - 1));
            }
        }
        System.out.println("each FIFO reader got its byte");
    }

    private static void awaitThreads(int count, String... functions) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long waiting;
        while ((waiting = threadsIn(functions)) != count) {
            if (System.nanoTime() > deadline) {
                fail(waiting + " threads wait in " + String.join(" or ", functions) + ", not " + count);
            }
            Thread.sleep(20);
        }
    }

    /** Runs other virtual threads to their end, and says so; fails if they cannot run. Channels' child uses it too. */
    public static void othersComplete() throws InterruptedException {
        int others = 200;
        CountDownLatch completed = new CountDownLatch(others);
        for (int i = 0; i < others; i++) {
            Thread.ofVirtual().start(() -> {
                Thread.yield();
                completed.countDown();
            });
        }
        if (!completed.await(60, TimeUnit.SECONDS)) {
            fail(completed.getCount() + " of " + others + " other virtual threads did not run: the carriers are held");
        }
        System.out.println("other virtual threads completed: " + others);
    }

    private static void run(MessageQueue queue, SemaphoreSet set, int blocked) throws Exception {
        AtomicReferenceArray<String> received = new AtomicReferenceArray<>(blocked);
        AtomicIntegerArray acquired = new AtomicIntegerArray(blocked);
        Thread[] threads = new Thread[2 * blocked];
        for (int i = 0; i < blocked; i++) {
            int index = i;
            threads[i] = Thread.ofVirtual().start(() -> received.set(index, queue.receive(index + 1).text()));
            threads[blocked + i] = Thread.ofVirtual().start(() -> {
                set.acquire(index);
                acquired.incrementAndGet(index);
            });
        }
        awaitAllWaiting(queue, set, blocked);
        System.out.println("blocked " + blocked + " receivers and " + blocked + " acquirers");

        othersComplete();

        for (int i = 0; i < blocked; i++) {
            queue.send(i + 1, ("message " + i).getBytes());
            set.release(i);
        }
        for (Thread thread : threads) {
            if (!thread.join(java.time.Duration.ofSeconds(60))) {
                fail("a released virtual thread did not end: " + thread);
            }
        }
        for (int i = 0; i < blocked; i++) {
            if (!("message " + i).equals(received.get(i))) {
                fail("receiver " + i + " got " + received.get(i));
            }
            if (acquired.get(i) != 1 || set.getValue(i) != 0) {
                fail("semaphore " + i + " was acquired " + acquired.get(i) + " times, and is " + set.getValue(i));
            }
        }
        if (queue.stat().messageCount() != 0) {
            fail(queue.stat().messageCount() + " messages left in the queue");
        }
        System.out.println("each got exactly its message or unit");
    }

    /** Waits until every acquirer waits in the kernel (GETNCNT) and every receiver's waiter thread does. */
    private static void awaitAllWaiting(MessageQueue queue, SemaphoreSet set, int blocked) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            int acquirers = 0;
            for (int i = 0; i < blocked; i++) {
                acquirers += set.countWaitingForIncrease(i);
            }
            long receivers = threadsIn("do_msgrcv");
            if (acquirers == blocked && receivers == blocked) {
                return;
            }
            if (System.nanoTime() > deadline) {
                fail(acquirers + " acquirers and " + receivers + " receivers wait in the kernel, not " + blocked
                        + " each");
            }
            Thread.sleep(20);
        }
    }

    private static long threadsIn(String... functions) throws IOException {
        List<String> names = List.of(functions);
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            return tasks.filter(task -> {
                try {
                    return names.contains(Files.readString(task.resolve("wchan")).strip());
                } catch (IOException gone) {
                    return false;
                }
            }).count();
        }
    }

    private static void fail(String why) {
        System.out.println("FAILED: " + why);
        System.out.flush();
        throw new AssertionError(why);
    }
}
