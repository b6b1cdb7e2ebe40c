package org.sysvipc.bench;

import static org.sysvipc.bench.SysvBench.DONE;
import static org.sysvipc.bench.SysvBench.GO;
import static org.sysvipc.bench.SysvBench.MAX_MESSAGE;
import static org.sysvipc.bench.SysvBench.READY;
import static org.sysvipc.bench.SysvBench.STARTED;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import org.sysvipc.MessageBuffer;
import org.sysvipc.MessageQueue;
import org.sysvipc.SemaphoreLock;
import org.sysvipc.SemaphoreSet;
import org.sysvipc.SharedMemory;

/**
 * {@code shm_counter}: both processes increment a 64-bit counter in a shared memory segment under
 * a semaphore lock (value 1, {@code SEM_UNDO}); a control queue carries READY, GO and DONE, and
 * before them STARTED, which starts both warm-ups together. One op is one increment; at the end the
 * counter must be 2(n+W).
 *
 * <p>{@code shm_counter_atomic} is the same exchange with a lock-free atomic add on the segment
 * ({@code lock xadd}) instead of the semaphore.
 */
final class ShmCounter {
    private static final VarHandle COUNTER = ValueLayout.JAVA_LONG.varHandle();

    private ShmCounter() {
    }

    static String parent(Run run, boolean atomic) throws InterruptedException {
        MessageQueue queue = run.own(MessageQueue.createPrivate());
        SemaphoreSet lock = null;
        if (!atomic) {
            lock = run.own(SemaphoreSet.createPrivate(1));
            lock.setValue(0, 1);
        }
        SharedMemory memory = run.own(SharedMemory.createPrivate(Long.BYTES));
        try (Arena arena = Arena.ofConfined(); SharedMemory.Attachment attachment = memory.attach()) {
            MemorySegment counter = attachment.segment();
            counter.set(ValueLayout.JAVA_LONG, 0, 0L);
            MessageBuffer control = MessageBuffer.allocate(arena, MAX_MESSAGE);
            MessageBuffer go = MessageBuffer.allocate(arena, 1).set(GO, new byte[] {'g'});
            if (atomic) {
                run.startChild(run.bench, Peer.name(queue), Peer.name(memory));
            } else {
                run.startChild(run.bench, Peer.name(queue), Peer.name(lock), Peer.name(memory));
            }
            // The warm-ups overlap, as after C's fork(), so that the JIT sees the lock contended
            // (one process preempted while it holds the lock) and compiles that path; warmed up
            // alone, both processes would deoptimise when contention first comes, inside the timing.
            queue.receive(STARTED, control);
            increment(lock, counter, run.warmup);
            queue.receive(READY, control);
            long allocated = Run.allocatedBytes();
            long start = System.nanoTime();
            queue.send(go);
            increment(lock, counter, run.n);
            queue.receive(DONE, control);
            long nanos = System.nanoTime() - start;
            allocated = Run.allocatedBytes() - allocated;
            run.awaitChild();
            long value = (long) COUNTER.getVolatile(counter, 0L);
            requireCount(run.bench, value, run.n, run.warmup);
            return SysvBench.report(run.bench, -1, run.n, 2 * run.n, run.warmup, nanos,
                    "counter=" + value + " " + Allocation.field(allocated, 2 * run.n));
        }
    }

    /** Fails unless both processes' increments all counted: 2(n+W). */
    static void requireCount(String bench, long value, long n, long warmup) {
        long expected = 2 * (n + warmup);
        if (value != expected) {
            throw new BenchFailure(bench + ": final counter " + value + " != expected " + expected);
        }
    }

    static void child(Peer peer, boolean atomic) {
        MessageQueue queue = peer.queue();
        SemaphoreSet lock = atomic ? null : peer.semaphores();
        try (Arena arena = Arena.ofConfined(); SharedMemory.Attachment attachment = peer.memory().attach()) {
            MemorySegment counter = attachment.segment();
            MessageBuffer control = MessageBuffer.allocate(arena, MAX_MESSAGE).set(STARTED, new byte[] {'s'});
            queue.send(control);
            increment(lock, counter, peer.warmup);
            control.setType(READY);
            queue.send(control);
            queue.receive(GO, control);
            increment(lock, counter, peer.n);
            queue.send(control.setType(DONE));
        }
    }

    /** {@code times} increments: under the lock if there is one, else with an atomic add. */
    private static void increment(SemaphoreSet lock, MemorySegment counter, long times) {
        if (lock == null) {
            for (long i = 0; i < times; i++) {
                incrementAtomically(counter);
            }
            return;
        }
        for (long i = 0; i < times; i++) {
            incrementLocked(lock, counter);
        }
    }

    /** One op in a method of its own, which the JIT compiles with lock and close inlined after a few thousand warm-up calls. */
    private static void incrementLocked(SemaphoreSet lock, MemorySegment counter) {
        SemaphoreLock held = lock.lock(0);
        // opaque: every increment reaches memory, as through C's volatile int64_t
        COUNTER.setOpaque(counter, 0L, (long) COUNTER.getOpaque(counter, 0L) + 1);
        held.close();
    }

    private static void incrementAtomically(MemorySegment counter) {
        COUNTER.getAndAdd(counter, 0L, 1L);
    }
}
