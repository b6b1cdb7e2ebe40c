package org.sysvipc.jmh;

import java.time.Duration;
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

/**
 * Uncontended semaphore operations on a private set whose semaphore 0 starts at 1, so that
 * every call succeeds at once: two {@code semop} (or {@code semtimedop}) calls per operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class SemaphoreBenchmark {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private IpcObjects objects;
    private SemaphoreSet set;

    @Setup(Level.Trial)
    public void setUp() {
        objects = new IpcObjects();
        set = objects.add(SemaphoreSet.createPrivate(1));
        set.setValue(0, 1);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        objects.close();
    }

    /**
     * {@link SemaphoreSet#lock(int)} and {@link SemaphoreLock#close()}: semop with SEM_UNDO, twice.
     * The lock stays in the method, as in a try-with-resources block, so escape analysis may
     * remove its allocation.
     */
    @Benchmark
    public void lockUnlock(Blackhole blackhole) {
        try (SemaphoreLock lock = set.lock(0)) {
            blackhole.consume(lock.index());
        }
    }

    /** A timed acquire that succeeds at once (semtimedop), then a release (semop). */
    @Benchmark
    public void timedAcquireRelease(Blackhole blackhole) {
        blackhole.consume(set.tryAcquire(0, 1, TIMEOUT));
        set.release(0);
    }

    /** An untimed acquire (semop) and a release, the baseline for the two above. */
    @Benchmark
    public void acquireRelease() {
        set.acquire(0);
        set.release(0);
    }
}
