package org.sysvipc.tools.soak;

import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.List;
import java.util.function.ObjLongConsumer;
import java.util.stream.Stream;
import org.sysvipc.IpcKey;
import org.sysvipc.IpcPermissions;
import org.sysvipc.OpenMode;
import org.sysvipc.SemaphoreLock;
import org.sysvipc.SemaphoreSet;
import org.sysvipc.SharedMemory;

/**
 * A lane made of a {@link SharedRing} in a shared-memory segment and a semaphore set: semaphore
 * {@value #MUTEX} is the lock every worker holds while it touches the ring (taken with
 * {@code SEM_UNDO}, so that the kernel gives it back when a holder is killed), {@value #ITEMS} and
 * {@value #SPACES} are doorbells for consumers and producers that found the ring empty or full,
 * and {@value #GENERATION} holds the ring's generation, so that a worker can tell a set and a
 * segment of one making from those of another.
 *
 * <p>To remove the lane, the soak takes the lock, drains the ring and removes both objects with
 * the lock in hand: no worker is inside, and every waiter wakes with EIDRM.
 */
final class RingLane extends DrainedLane implements LockedLane {
    static final String KIND = "ring";
    static final int MUTEX = 0, ITEMS = 1, SPACES = 2, GENERATION = 3;
    private static final int CAPACITY = 64;
    /** Workers hold the lock for milliseconds; far longer means it was never given back. */
    private static final Duration LOCK_WAIT = Duration.ofSeconds(30);

    private volatile IpcKey setKey;
    private volatile IpcKey memoryKey;
    private SemaphoreSet set;
    private SharedMemory memory;
    private SharedMemory.Attachment attachment;
    private SharedRing ring;
    private int generation;

    RingLane(String name, List<WorkerSpec> workers, SoakLog log) {
        super(name, KIND, workers, log);
    }

    @Override
    public List<String> workerArguments() {
        return List.of(FreshKeys.argument(setKey), FreshKeys.argument(memoryKey));
    }

    @Override
    public void create() {
        generation = 1;
        memory = FreshKeys.create(this::createSegment);
        memoryKey = memory.key();
        set = FreshKeys.create(this::createSet);
        setKey = set.key();
    }

    @Override
    void recreate() {
        generation = generation % SemaphoreSet.MAX_VALUE + 1;
        memory = createSegment(memoryKey); // before the set: a worker that finds the set finds the ring ready
        set = createSet(setKey);
    }

    @Override
    void drainAndRemove(ObjLongConsumer<MemorySegment> drained) {
        // held until the set goes: no worker is inside while the ring is drained
        if (set.tryLock(MUTEX, LOCK_WAIT) == null) {
            throw new IllegalStateException("the lock of " + name() + " was not free for " + LOCK_WAIT.toSeconds() + " s");
        }
        while (ring.poll(drainBuffer)) {
            drained.accept(drainBuffer.payload(), drainBuffer.length());
        }
        memory.remove();
        set.remove();
        attachment.close();
        log.note("removed shared memory segment " + memory.id() + " (" + memoryKey + ") and semaphore set "
                + set.id() + " (" + setKey + ") of " + name());
    }

    @Override
    public List<String> leftovers() {
        return Stream.concat(leftover("sem", setKey), leftover("shm", memoryKey)).toList();
    }

    @Override
    public boolean isFull() {
        return ring.size() >= CAPACITY; // read without the lock: a sample
    }

    @Override
    public boolean lockComesBack(Duration timeout) {
        try (SemaphoreLock lock = set.tryLock(MUTEX, timeout)) {
            return lock != null;
        }
    }

    /** Creates the segment and makes it an empty ring of the current generation. */
    private SharedMemory createSegment(IpcKey key) {
        SharedMemory created = SharedMemory.open(key, OpenMode.CREATE_NEW, IpcPermissions.DEFAULT_MODE,
                SharedRing.bytes(CAPACITY));
        try {
            attachment = created.attach();
            ring = SharedRing.format(attachment.segment(), CAPACITY, generation);
        } catch (RuntimeException e) {
            created.remove();
            throw e;
        }
        log.note("created shared memory segment " + created.id() + " (" + key + ") for " + name());
        return created;
    }

    /** Creates the set and sets its values at once: the lock free, the doorbells silent, the generation. */
    private SemaphoreSet createSet(IpcKey key) {
        SemaphoreSet created = SemaphoreSet.open(key, OpenMode.CREATE_NEW, IpcPermissions.DEFAULT_MODE, 4);
        created.setAll(1, 0, 0, generation);
        log.note("created semaphore set " + created.id() + " (" + key + ") for " + name());
        return created;
    }
}
