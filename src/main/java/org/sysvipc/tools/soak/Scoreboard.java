package org.sysvipc.tools.soak;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import org.sysvipc.SharedMemory;

/**
 * The soak's control segment: a header with the stop flags and one {@link WorkerSlot} per worker.
 * The soak creates it (private, mode 0600) and passes its id to each worker, which attaches it for
 * its lifetime. Nothing but the soak's end removes it.
 */
final class Scoreboard implements AutoCloseable {
    private static final long MAGIC = 0x534F_414B_424F_4152L; // "SOAKBOAR"
    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();
    private static final long MAGIC_AT = 0, SLOTS_AT = 8, STOP_PRODUCERS = 64, STOP_CONSUMERS = 128;
    private static final long HEADER_BYTES = 192;

    private final SharedMemory memory;
    private final SharedMemory.Attachment attachment;
    private final MemorySegment board;
    private final int slots;

    private Scoreboard(SharedMemory memory, SharedMemory.Attachment attachment, int slots) {
        this.memory = memory;
        this.attachment = attachment;
        this.board = attachment.segment();
        this.slots = slots;
    }

    /** Creates a scoreboard with {@code slots} worker slots. */
    static Scoreboard create(int slots) {
        SharedMemory memory = SharedMemory.createPrivate(HEADER_BYTES + slots * WorkerSlot.BYTES);
        try {
            SharedMemory.Attachment attachment = memory.attach();
            MemorySegment board = attachment.segment();
            board.set(ValueLayout.JAVA_LONG, SLOTS_AT, slots);
            LONG.setRelease(board, MAGIC_AT, MAGIC);
            return new Scoreboard(memory, attachment, slots);
        } catch (RuntimeException e) {
            memory.remove();
            throw e;
        }
    }

    /** Attaches the scoreboard with this id, as a worker does. */
    static Scoreboard attach(int id) {
        SharedMemory memory = SharedMemory.ofId(id);
        SharedMemory.Attachment attachment = memory.attach();
        MemorySegment board = attachment.segment();
        long slots = board.byteSize() < HEADER_BYTES ? -1 : board.get(ValueLayout.JAVA_LONG, SLOTS_AT);
        if ((long) LONG.getAcquire(board, MAGIC_AT) != MAGIC || slots < 0
                || HEADER_BYTES + slots * WorkerSlot.BYTES > board.byteSize()) {
            attachment.close();
            throw new IllegalArgumentException(memory + " is not a soak's scoreboard");
        }
        return new Scoreboard(memory, attachment, (int) slots);
    }

    SharedMemory memory() {
        return memory;
    }

    int slots() {
        return slots;
    }

    WorkerSlot slot(int index) {
        if (index < 0 || index >= slots) {
            throw new IndexOutOfBoundsException("no worker slot " + index + " of " + slots);
        }
        return new WorkerSlot(board.asSlice(HEADER_BYTES + index * WorkerSlot.BYTES, WorkerSlot.BYTES));
    }

    /** Tells producers to send no more. */
    void stopProducers() {
        LONG.setVolatile(board, STOP_PRODUCERS, 1L);
    }

    boolean producersStopped() {
        return (long) LONG.getAcquire(board, STOP_PRODUCERS) == 1;
    }

    /** Tells consumers to end once they wake: the soak takes what is left. */
    void stopConsumers() {
        LONG.setVolatile(board, STOP_CONSUMERS, 1L);
    }

    boolean consumersStopped() {
        return (long) LONG.getAcquire(board, STOP_CONSUMERS) == 1;
    }

    /** Detaches the scoreboard. */
    @Override
    public void close() {
        attachment.close();
    }
}
