package org.sysvipc.tools.soak;

import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.ObjLongConsumer;

/**
 * The faults the soak causes, one a step, in a fixed cycle: each lane's objects removed and
 * recreated in turn, and between removals a worker killed with SIGKILL, alternately one holding a
 * lane's lock (whose lock must then come back) and any consumer (whose held message, if any, the
 * accounting excuses); for a lane with {@link Lane#targetedKills()}, its consumer killed just
 * before its removal, and one of its producers and then its consumer after it instead. Every killed worker is replaced at once.
 */
final class Chaos {
    private static final Duration HOLDER_SEARCH = Duration.ofSeconds(1);
    private static final Duration LOCK_RECOVERY = Duration.ofSeconds(10);

    /** One fault. */
    @FunctionalInterface
    private interface Fault {
        void cause() throws InterruptedException;
    }

    private final Workers workers;
    private final Lifecycle lifecycle;
    private final Observations seen;
    private final ObjLongConsumer<MemorySegment> drained;
    private final SoakLog log;
    private final List<Fault> cycle = new ArrayList<>();
    private int next;

    Chaos(List<Lane> lanes, Workers workers, Lifecycle lifecycle, Observations seen,
            ObjLongConsumer<MemorySegment> drained, SoakLog log) {
        this.workers = workers;
        this.lifecycle = lifecycle;
        this.seen = seen;
        this.drained = drained;
        this.log = log;
        List<LockedLane> locked = lanes.stream().filter(LockedLane.class::isInstance).map(LockedLane.class::cast).toList();
        for (int i = 0; i < lanes.size(); i++) {
            Lane lane = lanes.get(i);
            if (lane.targetedKills()) {
                // the removal then finds no consumer, its replacement not yet started: the soak takes out what is left
                cycle.add(() -> killWorkerOf(lane, false));
            }
            cycle.add(() -> replace(lane));
            if (lane.targetedKills()) {
                cycle.add(() -> killWorkerOf(lane, true));
                cycle.add(() -> killWorkerOf(lane, false)); // its replacement takes over the same channel
            } else if (i % 2 == 0 && !locked.isEmpty()) {
                LockedLane target = locked.get(i / 2 % locked.size());
                cycle.add(() -> killLockHolder(target));
            } else {
                cycle.add(this::killConsumer);
            }
        }
    }

    /** Causes the next fault of the cycle. */
    void step() throws InterruptedException {
        cycle.get(next++ % cycle.size()).cause();
    }

    private void replace(Lane lane) {
        lifecycle.ifOpen(() -> lane.replace(drained));
        seen.removed(lane.name());
    }

    private void killLockHolder(LockedLane lane) throws InterruptedException {
        OptionalInt holder = workers.findLockHolder(lane, HOLDER_SEARCH);
        if (holder.isEmpty()) {
            log.note("no worker of " + lane.name() + " held its lock for " + HOLDER_SEARCH.toMillis() + " ms");
            return;
        }
        int slot = holder.getAsInt();
        Workers.Death death = workers.kill(slot);
        if (death.wasConsumer()) {
            seen.consumerKilled();
        }
        if (death.heldLock()) {
            boolean recovered = lifecycle.ifOpen(() -> lane.lockComesBack(LOCK_RECOVERY));
            seen.holderKilled(recovered);
            if (!recovered) {
                seen.failure("the lock of " + lane.name() + " did not come back within " + LOCK_RECOVERY.toSeconds()
                        + " s after its holder was killed");
            }
        }
        workers.start(slot);
    }

    /** Kills one of {@code lane}'s producers, or its consumer, and replaces it. */
    private void killWorkerOf(Lane lane, boolean producer) throws InterruptedException {
        OptionalInt worker = workers.anyWorkerOf(lane, producer);
        if (worker.isEmpty()) {
            log.note("no " + (producer ? "producer" : "consumer") + " of " + lane.name() + " was ready to be killed");
            return;
        }
        workers.kill(worker.getAsInt());
        if (producer) {
            seen.producerKilled();
        } else {
            seen.consumerKilled();
        }
        workers.start(worker.getAsInt());
    }

    private void killConsumer() throws InterruptedException {
        OptionalInt consumer = workers.anyConsumer();
        if (consumer.isEmpty()) {
            log.note("no consumer was ready to be killed");
            return;
        }
        workers.kill(consumer.getAsInt());
        seen.consumerKilled();
        workers.start(consumer.getAsInt());
    }
}
