package com.example.counters;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.MemoryLayout.PathElement.sequenceElement;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SequenceLayout;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * A table of 64-bit counters in shared memory, which any number of processes update at once
 * without a lock: each update is one atomic {@code getAndAdd} on the mapped memory. Each counter
 * has a 64-byte cache line to itself, so that processes adding to different counters do not slow
 * each other down. C declares the same table (c/counters-report.c):
 *
 * <pre>
 * struct counter_slot { int64_t value; char padding[56]; };   // slot i at offset 64 * i
 * </pre>
 *
 * Zeros are an empty table, which is what the kernel fills a new segment with: there is nothing
 * to initialise.
 */
final class CounterTable {
    private static final StructLayout SLOT = MemoryLayout.structLayout(
            ValueLayout.JAVA_LONG.withName("value"),
            MemoryLayout.paddingLayout(56));
    static final SequenceLayout LAYOUT = MemoryLayout.sequenceLayout(Counter.values().length, SLOT);

    /** Coordinates: the segment, the table's offset in it, the counter's index. */
    private static final VarHandle VALUE = LAYOUT.varHandle(sequenceElement(), groupElement("value"));

    private final MemorySegment table;

    /** A table at the start of a segment, such as an attached shared memory segment. */
    CounterTable(MemorySegment segment) {
        this.table = segment.asSlice(0, LAYOUT);
    }

    /** Adds to a counter atomically; returns its value before. */
    long add(Counter counter, long delta) {
        return (long) VALUE.getAndAdd(table, 0L, (long) counter.ordinal(), delta);
    }

    /** {@return the counter's value now, with every update made before it visible} */
    long get(Counter counter) {
        return (long) VALUE.getVolatile(table, 0L, (long) counter.ordinal());
    }
}
