package org.sysvipc.tools.soak;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.function.ObjLongConsumer;
import org.sysvipc.MessageBuffer;

/**
 * What every {@link Lane} does the same way: its name and workers, replacing as draining,
 * removing and recreating, retiring as draining and removing for good, and never removing by
 * key once retired, when the keys may be another program's.
 */
abstract class DrainedLane implements Lane {
    private final String name;
    private final List<WorkerSpec> workers;
    /** What the lane's subclass logs its objects to. */
    protected final SoakLog log;
    /** Where the soak takes each message still in the lane before a removal. */
    protected final MessageBuffer drainBuffer = MessageBuffer.allocate(Arena.ofAuto(), SoakMessage.MAX_BYTES);
    private volatile boolean retired;

    DrainedLane(String name, List<WorkerSpec> workers, SoakLog log) {
        this.name = name;
        this.workers = List.copyOf(workers);
        this.log = log;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final List<WorkerSpec> workers() {
        return workers;
    }

    @Override
    public final void replace(ObjLongConsumer<MemorySegment> drained) {
        drainAndRemove(drained);
        recreate();
    }

    @Override
    public final void retire(ObjLongConsumer<MemorySegment> drained) {
        drainAndRemove(drained);
        retired = true;
    }

    @Override
    public final void removeQuietly() {
        if (!retired) {
            removeByKey();
        }
    }

    /** Stops the lane from taking messages, passes each left to {@code drained}, and removes the objects. */
    abstract void drainAndRemove(ObjLongConsumer<MemorySegment> drained);

    /** Creates the objects anew under the keys {@link #create()} chose. */
    abstract void recreate();

    /** Removes whatever of the lane's objects exists under its keys, ignoring what does not. */
    abstract void removeByKey();
}
