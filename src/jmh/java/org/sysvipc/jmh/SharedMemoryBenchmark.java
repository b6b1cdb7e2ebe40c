package org.sysvipc.jmh;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;
import org.sysvipc.SemaphoreLock;
import org.sysvipc.SemaphoreSet;
import org.sysvipc.SharedMemory;

/**
 * A private shared memory segment: attaching and detaching it, and a {@code long} counter in it
 * updated under a semaphore lock or with an atomic add.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class SharedMemoryBenchmark {
    private static final ValueLayout.OfLong COUNTER = ValueLayout.JAVA_LONG;
    private static final VarHandle COUNTER_HANDLE = COUNTER.varHandle();

    private IpcObjects objects;
    private SharedMemory memory;
    private SemaphoreSet mutex;
    private SharedMemory.Attachment attachment;
    private MemorySegment segment;

    @Setup(Level.Trial)
    public void setUp() {
        objects = new IpcObjects();
        memory = objects.add(SharedMemory.createPrivate(4096));
        mutex = objects.add(SemaphoreSet.createPrivate(1));
        mutex.setValue(0, 1);
        attachment = memory.attach();
        segment = attachment.segment();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        try {
            if (attachment != null) {
                attachment.close();
            }
        } finally {
            objects.close();
        }
    }

    /** {@code shmat}, then {@code shmdt}: what opening a segment for one access costs. */
    @Benchmark
    public void attachDetach(Blackhole blackhole) {
        try (SharedMemory.Attachment opened = memory.attach()) {
            blackhole.consume(opened.segment());
        }
    }

    /** A read-modify-write of the counter under the semaphore lock (two semop calls). */
    @Benchmark
    @SuppressWarnings("try") // the lock is held, not used
    public long counterWithLock() {
        try (SemaphoreLock lock = mutex.lock(0)) {
            long next = segment.get(COUNTER, 0) + 1;
            segment.set(COUNTER, 0, next);
            return next;
        }
    }

    /** The counter incremented with an atomic add on the mapped memory, no system call. */
    @Benchmark
    public long counterAtomicAdd() {
        return (long) COUNTER_HANDLE.getAndAdd(segment, 0L, 1L);
    }
}
