package org.sysvipc.tools.soak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.sysvipc.tools.ChildProcess;

/**
 * The soak's worker processes, one per slot of the scoreboard: it starts them, kills and
 * replaces them, and when one ends, harvests its slot: drains its ledger, settles a producer's
 * account or records what a killed consumer held, and adds its counts to the observations.
 * Its methods are safe to call from the soak's threads; each slot's ledger and harvest are
 * guarded by the slot's lock.
 */
final class Workers {
    private static final long KILL_WAIT_SECONDS = 10;
    private static final long POLL_MILLIS = 1;

    /** What runs in a slot: a lane's worker, and the defect it plants, if any. */
    record Placement(Lane lane, WorkerSpec spec, Injection injection) {
    }

    /** What a killed worker's slot said at its death. */
    record Death(boolean heldLock, boolean wasConsumer) {
    }

    private final Scoreboard board;
    private final List<Placement> placements;
    private final Accounting accounting;
    private final Observations seen;
    private final Lifecycle lifecycle;
    private final SoakLog log;
    private final WorkerSlot[] slots;
    private final Object[] slotLocks;
    private final AtomicReferenceArray<Process> processes;
    private final int[] producerNumbers;
    private final boolean[] harvested;
    private int lastProducerNumber;

    Workers(Scoreboard board, List<Placement> placements, Accounting accounting, Observations seen,
            Lifecycle lifecycle, SoakLog log) {
        this.board = board;
        this.placements = List.copyOf(placements);
        this.accounting = accounting;
        this.seen = seen;
        this.lifecycle = lifecycle;
        this.log = log;
        int size = placements.size();
        this.slots = new WorkerSlot[size];
        this.slotLocks = new Object[size];
        for (int i = 0; i < size; i++) {
            slots[i] = board.slot(i);
            slotLocks[i] = new Object();
        }
        this.processes = new AtomicReferenceArray<>(size);
        this.producerNumbers = new int[size];
        this.harvested = new boolean[size];
    }

    int size() {
        return slots.length;
    }

    WorkerSlot slot(int index) {
        return slots[index];
    }

    Placement placement(int index) {
        return placements.get(index);
    }

    /** {@return the process id of the worker in {@code slot}, 0 if none} */
    long pid(int slot) {
        Process process = processes.get(slot);
        return process == null ? 0 : process.pid();
    }

    /** Starts a worker in every slot. */
    void startAll() {
        for (int slot = 0; slot < size(); slot++) {
            start(slot);
        }
    }

    /** Starts a worker in {@code slot}, which must be free: never used, or its last worker harvested. */
    void start(int slot) {
        Placement placement = placements.get(slot);
        int number;
        synchronized (slotLocks[slot]) {
            slots[slot].clear();
            number = placement.spec().isProducer() ? nextProducerNumber() : 0;
            producerNumbers[slot] = number;
            harvested[slot] = false;
        }
        if (number > 0) {
            accounting.producerStarted(number, placement.lane().name());
        }
        Lane lane = placement.lane();
        WorkerLaunch launch = new WorkerLaunch(board.memory().id(), slot, placement.spec(), number,
                placement.injection(), lane.kind(), lane.workerArguments());
        List<String> command = ChildProcess.javaCommand();
        command.add(SoakWorker.COMMAND);
        command.addAll(launch.toArguments());
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        // recorded while open, so that a shutdown hook's killAll, which closes first, kills it too
        Process process = lifecycle.ifOpen(() -> {
            try {
                Process started = builder.start();
                processes.set(slot, started);
                return started;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start a worker: " + command, e);
            }
        });
        seen.workerStarted();
        log.note("started worker process " + process.pid() + " in slot " + slot + ": " + describe(slot));
    }

    /** Waits until every worker is ready; false if one ended first or {@code timeout} passed. */
    boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int slot = 0; slot < size(); slot++) {
            while (!slots[slot].isReady()) {
                if (!processes.get(slot).isAlive() || System.nanoTime() - deadline > 0) {
                    return false;
                }
                TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
            }
        }
        return true;
    }

    /**
     * Finds a ready worker of {@code lane} that holds the lane's lock, looking for at most
     * {@code within}; never one that plants a defect, whose ledger must stay whole.
     */
    OptionalInt findLockHolder(Lane lane, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        do {
            for (int slot = 0; slot < size(); slot++) {
                if (placements.get(slot).lane() == lane && isKillable(slot) && slots[slot].isHoldingLock()) {
                    return OptionalInt.of(slot);
                }
            }
            Thread.onSpinWait();
            TimeUnit.MICROSECONDS.sleep(100);
        } while (System.nanoTime() - deadline < 0);
        return OptionalInt.empty();
    }

    /** {@return a ready consumer, chosen at random, that plants no defect; empty if none} */
    OptionalInt anyConsumer() {
        List<Integer> candidates = new ArrayList<>();
        for (int slot = 0; slot < size(); slot++) {
            if (!placements.get(slot).spec().isProducer() && isKillable(slot)) {
                candidates.add(slot);
            }
        }
        return candidates.isEmpty() ? OptionalInt.empty()
                : OptionalInt.of(candidates.get(ThreadLocalRandom.current().nextInt(candidates.size())));
    }

    /** {@return a ready producer (or consumer) of {@code lane}, chosen at random, that plants no defect; empty if none} */
    OptionalInt anyWorkerOf(Lane lane, boolean producer) {
        List<Integer> candidates = new ArrayList<>();
        for (int slot = 0; slot < size(); slot++) {
            Placement placement = placements.get(slot);
            if (placement.lane() == lane && placement.spec().isProducer() == producer && isKillable(slot)) {
                candidates.add(slot);
            }
        }
        return candidates.isEmpty() ? OptionalInt.empty()
                : OptionalInt.of(candidates.get(ThreadLocalRandom.current().nextInt(candidates.size())));
    }

    /** Kills the worker in {@code slot} with SIGKILL, waits for its end, and harvests its slot. */
    Death kill(int slot) throws InterruptedException {
        Process process = processes.get(slot);
        process.destroyForcibly();
        if (!process.waitFor(KILL_WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("worker process " + process.pid() + " outlived SIGKILL by "
                    + KILL_WAIT_SECONDS + " s");
        }
        Death death = new Death(slots[slot].isHoldingLock(), !placements.get(slot).spec().isProducer());
        log.note("killed worker process " + process.pid() + " in slot " + slot + (death.heldLock() ? ", holding the lock" : ""));
        harvest(slot, true);
        return death;
    }

    /** Drains every live worker's ledger into the accounting. */
    void drainLedgers() {
        for (int slot = 0; slot < size(); slot++) {
            synchronized (slotLocks[slot]) {
                if (!harvested[slot]) {
                    slots[slot].ledger().drainTo(accounting::received);
                }
            }
        }
    }

    /** Harvests and replaces every worker that ended by itself: a failure, since only the soak ends them. */
    void replaceFailed() {
        for (int slot = 0; slot < size(); slot++) {
            Process process = processes.get(slot);
            if (process != null && !process.isAlive() && !isHarvested(slot)) {
                seen.failure("worker process " + process.pid() + " (" + describe(slot) + ") ended by itself with status "
                        + process.exitValue());
                harvest(slot, false);
                start(slot);
            }
        }
    }

    /** Waits for every worker to end after the stop, kills those that do not, and harvests all. */
    void awaitAllEnded(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int slot = 0; slot < size(); slot++) {
            Process process = processes.get(slot);
            if (isHarvested(slot)) {
                continue;
            }
            boolean ended = process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (!ended) {
                seen.failure("worker process " + process.pid() + " (" + describe(slot) + ") did not stop within "
                        + timeout.toSeconds() + " s");
                process.destroyForcibly().waitFor(KILL_WAIT_SECONDS, TimeUnit.SECONDS);
            } else if (process.exitValue() != 0) {
                seen.failure("worker process " + process.pid() + " (" + describe(slot) + ") ended with status "
                        + process.exitValue());
            }
            harvest(slot, !ended);
        }
    }

    /** Kills every worker at once: for an abrupt end. */
    void killAll() {
        List<Process> running = new ArrayList<>();
        for (int slot = 0; slot < size(); slot++) {
            Process process = processes.get(slot);
            if (process != null) {
                running.add(process.destroyForcibly());
            }
        }
        for (Process process : running) {
            try {
                process.waitFor(KILL_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    String describe(int slot) {
        Placement placement = placements.get(slot);
        return placement.lane().name() + " " + placement.spec().role().name().toLowerCase(java.util.Locale.ROOT)
                + (producerNumbers[slot] > 0 ? " " + producerNumbers[slot] : "")
                + (placement.injection() == Injection.NONE ? "" : ", planting a " + placement.injection().optionName());
    }

    private boolean isKillable(int slot) {
        Process process = processes.get(slot);
        return placements.get(slot).injection() == Injection.NONE && slots[slot].isReady()
                && process != null && process.isAlive();
    }

    private boolean isHarvested(int slot) {
        synchronized (slotLocks[slot]) {
            return harvested[slot];
        }
    }

    private synchronized int nextProducerNumber() {
        return ++lastProducerNumber;
    }

    /**
     * Settles the slot of a worker that ended: drains its ledger, closes a producer's account,
     * records what a killed consumer held, and adds its counts to the observations.
     */
    private void harvest(int slot, boolean killed) {
        synchronized (slotLocks[slot]) {
            if (harvested[slot]) {
                return;
            }
            harvested[slot] = true;
            WorkerSlot worker = slots[slot];
            worker.ledger().drainTo(accounting::received);
            if (producerNumbers[slot] > 0) {
                accounting.producerEnded(producerNumbers[slot], worker.accepted(), worker.pending(), killed);
            } else if (killed) {
                accounting.heldByKilledConsumer(worker.mailboxMessageId());
            }
            long word = worker.takeCallWord();
            boolean diedInSignalledCall = CallWord.inCall(word) && CallWord.signalled(word);
            for (CallKind kind : CallKind.values()) {
                long killedInCall = killed && diedInSignalledCall && CallWord.kind(word) == kind ? 1 : 0;
                seen.add(kind, new CallCounts(0, 0, worker.resumed(kind), worker.endedByRemoval(kind), killedInCall));
            }
            seen.harvested(worker.removalsNoticed(), worker.locksTaken(), worker.latency());
        }
    }
}
