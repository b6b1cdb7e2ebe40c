package org.sysvipc.tools.soak;

/**
 * The word in a {@link WorkerSlot} that says which blocking call its worker is in, so that the
 * soak can interrupt it and learn how the call ended. Bits 0 and 1 are flags, bits 2 to 7 the
 * {@link CallKind}, the rest the call's sequence number in its worker.
 *
 * <p>The protocol: the worker sets the word to (next sequence, kind, {@link #IN_CALL}) before the
 * call and clears both flags atomically after it, reading what they were. The signaller sends its
 * signal first and then sets {@link #SIGNALLED} by compare-and-set from the word it saw, which
 * succeeds only while that very call is under way. So a call the worker finds flagged was sent a
 * signal while it ran, and each such call is counted once by each side: exactly.
 */
final class CallWord {
    static final long IN_CALL = 1;
    static final long SIGNALLED = 2;
    static final long FLAGS = IN_CALL | SIGNALLED;
    private static final int KIND_SHIFT = 2;
    private static final int SEQUENCE_SHIFT = 8;
    private static final long KIND_MASK = 0x3F;

    private CallWord() {
    }

    /** {@return the word of the call after the one {@code previous} describes: of {@code kind}, under way} */
    static long next(long previous, CallKind kind) {
        long sequence = (previous >>> SEQUENCE_SHIFT) + 1;
        return sequence << SEQUENCE_SHIFT | (long) kind.ordinal() << KIND_SHIFT | IN_CALL;
    }

    static boolean inCall(long word) {
        return (word & IN_CALL) != 0;
    }

    static boolean signalled(long word) {
        return (word & SIGNALLED) != 0;
    }

    static CallKind kind(long word) {
        return CallKind.values()[(int) (word >>> KIND_SHIFT & KIND_MASK)];
    }
}
