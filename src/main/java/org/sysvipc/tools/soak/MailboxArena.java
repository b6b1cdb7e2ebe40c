package org.sysvipc.tools.soak;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * An arena that hands out slices of a worker's mailbox in the {@link Scoreboard}, so that a
 * {@link org.sysvipc.MessageBuffer} allocated in it lies in shared memory: the message a consumer
 * last received stays readable to the soak after the consumer is killed, before it could log it.
 * Its memory lives as long as the scoreboard's attachment; it cannot be closed on its own.
 */
final class MailboxArena implements Arena {
    private final MemorySegment mailbox;
    private long used;

    MailboxArena(MemorySegment mailbox) {
        this.mailbox = mailbox;
    }

    @Override
    public MemorySegment allocate(long byteSize, long byteAlignment) {
        if (byteSize < 0 || byteAlignment <= 0 || Long.bitCount(byteAlignment) != 1) {
            throw new IllegalArgumentException("cannot allocate " + byteSize + " bytes aligned to " + byteAlignment);
        }
        long start = mailbox.address() + used + byteAlignment - 1 & -byteAlignment;
        long offset = start - mailbox.address();
        if (offset + byteSize > mailbox.byteSize()) {
            throw new IllegalStateException("a mailbox of " + mailbox.byteSize() + " bytes has no room for "
                    + byteSize + " more");
        }
        used = offset + byteSize;
        MemorySegment slice = mailbox.asSlice(offset, byteSize);
        slice.fill((byte) 0);
        return slice;
    }

    @Override
    public MemorySegment.Scope scope() {
        return mailbox.scope();
    }

    /** {@return where in the mailbox {@code slice}, which this arena handed out, starts} */
    long offsetOf(MemorySegment slice) {
        return slice.address() - mailbox.address();
    }

    /**
     * Refuses: the mailbox lives as long as the scoreboard's attachment.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public void close() {
        throw new UnsupportedOperationException("a mailbox is freed with its scoreboard");
    }
}
