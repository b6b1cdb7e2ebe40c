package org.sysvipc.tools.soak;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * A consumer's record of the messages it received, in its {@link WorkerSlot}: a ring of entries
 * that the worker appends to and the soak drains, one thread on each side. It lives in shared
 * memory, so whatever the worker appended is still there after the worker is killed: a message is
 * acknowledged once its entry is appended. Each side publishes its index with a release store
 * after touching the entries, and reads the other's with an acquire load.
 *
 * <p>An entry is a message id, with {@link #CORRUPTED} set when the message failed its checks.
 */
final class Ledger {
    /** Set in an entry whose message's length or checksum was wrong. */
    static final long CORRUPTED = Long.MIN_VALUE;

    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();
    /** The two indices sit a cache line apart, each written by one side. */
    private static final long APPENDED = 0, DRAINED = 64, ENTRIES = 128;
    private static final long FULL_PAUSE_NANOS = 50_000;

    private final MemorySegment region;
    private final int capacity;

    private Ledger(MemorySegment region, int capacity) {
        this.region = region;
        this.capacity = capacity;
    }

    /** {@return the bytes a ledger of {@code capacity} entries takes} */
    static long bytes(int capacity) {
        return ENTRIES + (long) capacity * Long.BYTES;
    }

    /** {@return the ledger of {@code capacity} entries kept in {@code region}, 8-byte aligned, as it is} */
    static Ledger in(MemorySegment region, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a ledger needs room for an entry, was given " + capacity);
        }
        return new Ledger(region.asSlice(0, bytes(capacity)), capacity);
    }

    /** Appends {@code entry}, first waiting for the soak to drain while the ledger is full. */
    void append(long entry) {
        long appended = (long) LONG.get(region, APPENDED);
        while (appended - (long) LONG.getAcquire(region, DRAINED) >= capacity) {
            LockSupport.parkNanos(FULL_PAUSE_NANOS);
        }
        region.set(ValueLayout.JAVA_LONG, ENTRIES + (appended % capacity) * Long.BYTES, entry);
        LONG.setRelease(region, APPENDED, appended + 1);
    }

    /** Passes every entry appended since the last drain to {@code sink}, oldest first; returns how many. */
    int drainTo(LongConsumer sink) {
        long drained = (long) LONG.get(region, DRAINED);
        long appended = (long) LONG.getAcquire(region, APPENDED);
        for (long i = drained; i < appended; i++) {
            sink.accept(region.get(ValueLayout.JAVA_LONG, ENTRIES + (i % capacity) * Long.BYTES));
        }
        LONG.setRelease(region, DRAINED, appended);
        return (int) (appended - drained);
    }

    /** Empties the ledger, for a new worker; nobody may use it meanwhile. */
    void clear() {
        region.fill((byte) 0);
    }
}
