package org.sysvipc.tools.soak;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * One worker's part of the {@link Scoreboard}: who it is, which blocking call it is in, what it
 * sent, what it counted, the mailbox it receives into and its {@link Ledger}. It is shared memory,
 * so the soak reads it while the worker runs and after the worker is killed. The worker writes
 * every field except the call word's {@link CallWord#SIGNALLED} flag; each field has one writer,
 * so plain reads and release stores suffice, and the call word is changed atomically.
 */
final class WorkerSlot {
    /** Receipts a worker may have appended and the soak not yet drained. */
    static final int LEDGER_CAPACITY = 8192;
    /** Room for a {@link org.sysvipc.MessageBuffer} of {@link SoakMessage#MAX_BYTES}: the struct and its call state. */
    static final long MAILBOX_BYTES = 512;

    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();
    // identity, written once per worker
    private static final long PID = 0, TID = 8, READY = 16, MAILBOX_PAYLOAD = 24;
    // the call word on a cache line of its own: the signaller writes it too
    private static final long CALL = 64;
    private static final long PENDING = 128, ACCEPTED = 136, HOLDING_LOCK = 144, LOCKS_TAKEN = 152,
            REMOVALS_NOTICED = 160;
    /** Per {@link CallKind}: signalled calls that then completed, and that a removal ended. */
    private static final long RESUMED = 192, ENDED_BY_REMOVAL = 256, MAX_KINDS = 8;
    private static final long LATENCY = 320;
    private static final long MAILBOX = 704;
    private static final long LEDGER = MAILBOX + MAILBOX_BYTES;
    static final long BYTES = LEDGER + Ledger.bytes(LEDGER_CAPACITY);

    static {
        if (LATENCY + LatencyHistogram.BYTES > MAILBOX || CallKind.values().length > MAX_KINDS) {
            throw new AssertionError("the slot's fields overlap");
        }
    }

    private final MemorySegment slot;

    WorkerSlot(MemorySegment region) {
        this.slot = region.asSlice(0, BYTES);
    }

    // ---- written by the worker

    void identify(long pid, long tid) {
        set(PID, pid);
        set(TID, tid);
    }

    void ready() {
        set(READY, 1);
    }

    /** Records where in the mailbox a received message's bytes start. */
    void mailboxPayloadAt(long offset) {
        set(MAILBOX_PAYLOAD, offset);
    }

    /** Marks the worker as in a blocking call of {@code kind}, which the soak may now interrupt. */
    void beginCall(CallKind kind) {
        LONG.setVolatile(slot, CALL, CallWord.next(get(CALL), kind));
    }

    /**
     * Marks the call begun last as ended: completed, or ended by the removal of its object. If a
     * signal was sent while it ran, counts it as resumed or as ended by the removal.
     */
    void endCall(boolean completed) {
        long word = (long) LONG.getAndBitwiseAnd(slot, CALL, ~CallWord.FLAGS);
        if (CallWord.signalled(word)) {
            increment((completed ? RESUMED : ENDED_BY_REMOVAL) + CallWord.kind(word).ordinal() * 8L);
        }
    }

    /** Records that the producer is about to send message {@code sequence}. */
    void pending(long sequence) {
        set(PENDING, sequence);
    }

    /** Records that the kernel or the ring accepted message {@code sequence}. */
    void accepted(long sequence) {
        set(ACCEPTED, sequence);
    }

    void holdingLock(boolean holding) {
        LONG.setVolatile(slot, HOLDING_LOCK, holding ? 1L : 0L);
        if (holding) {
            increment(LOCKS_TAKEN);
        }
    }

    void removalNoticed() {
        increment(REMOVALS_NOTICED);
    }

    LatencyHistogram latency() {
        return LatencyHistogram.in(slot.asSlice(LATENCY));
    }

    Ledger ledger() {
        return Ledger.in(slot.asSlice(LEDGER), LEDGER_CAPACITY);
    }

    /** {@return the memory a consumer receives into, for a {@link MailboxArena}} */
    MemorySegment mailbox() {
        return slot.asSlice(MAILBOX, MAILBOX_BYTES);
    }

    // ---- read by the soak

    long pid() {
        return get(PID);
    }

    long tid() {
        return get(TID);
    }

    boolean isReady() {
        return get(READY) == 1;
    }

    long callWord() {
        return get(CALL);
    }

    /**
     * {@return the call word of a worker that ended, taken with its flags cleared at once: a
     * signaller that saw the call under way before the worker died can no longer flag it, so a
     * call flagged is always one its harvest sees flagged}
     */
    long takeCallWord() {
        return (long) LONG.getAndBitwiseAnd(slot, CALL, ~CallWord.FLAGS);
    }

    /** Flags the call {@code observed} describes as signalled, if it is still under way; returns whether it was. */
    boolean markSignalled(long observed) {
        return CallWord.inCall(observed) && !CallWord.signalled(observed)
                && LONG.compareAndSet(slot, CALL, observed, observed | CallWord.SIGNALLED);
    }

    long pending() {
        return get(PENDING);
    }

    long accepted() {
        return get(ACCEPTED);
    }

    boolean isHoldingLock() {
        return get(HOLDING_LOCK) == 1;
    }

    long locksTaken() {
        return get(LOCKS_TAKEN);
    }

    long removalsNoticed() {
        return get(REMOVALS_NOTICED);
    }

    long resumed(CallKind kind) {
        return get(RESUMED + kind.ordinal() * 8L);
    }

    long endedByRemoval(CallKind kind) {
        return get(ENDED_BY_REMOVAL + kind.ordinal() * 8L);
    }

    /** {@return the id of the message last received into the mailbox, whether or not it was logged; 0 if none} */
    long mailboxMessageId() {
        long offset = get(MAILBOX_PAYLOAD);
        return offset <= 0 || offset >= MAILBOX_BYTES ? 0 : SoakMessage.idOf(mailbox().asSlice(offset));
    }

    /** Zeroes the slot for a new worker; nobody may use it meanwhile. */
    void clear() {
        slot.fill((byte) 0);
    }

    private long get(long offset) {
        return (long) LONG.getAcquire(slot, offset);
    }

    private void set(long offset, long value) {
        LONG.setRelease(slot, offset, value);
    }

    private void increment(long offset) {
        set(offset, (long) LONG.get(slot, offset) + 1);
    }
}
