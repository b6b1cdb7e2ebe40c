package org.sysvipc.tools.soak;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.function.ObjLongConsumer;
import java.util.stream.Stream;
import org.sysvipc.IpcKey;
import org.sysvipc.MessageBuffer;

/**
 * What every {@link Lane} does the same way: its name, kind and workers, replacing as draining,
 * removing and recreating, retiring as draining and removing for good, and never removing by
 * key once retired, when the keys may be another program's.
 */
abstract class DrainedLane implements Lane {
    private final String name;
    private final String kind;
    private final List<WorkerSpec> workers;
    /** What the lane's subclass logs its objects to. */
    protected final SoakLog log;
    /** Where the soak takes each message still in the lane before a removal. */
    protected final MessageBuffer drainBuffer = MessageBuffer.allocate(Arena.ofAuto(), SoakMessage.MAX_BYTES);
    private volatile boolean retired;

    DrainedLane(String name, String kind, List<WorkerSpec> workers, SoakLog log) {
        this.name = name;
        this.kind = kind;
        this.workers = List.copyOf(workers);
        this.log = log;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String kind() {
        return kind;
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
            leftovers().forEach(Janitor::remove);
        }
    }

    /** Stops the lane from taking messages, passes each left to {@code drained}, and removes the objects. */
    abstract void drainAndRemove(ObjLongConsumer<MemorySegment> drained);

    /** Creates the objects anew under the keys {@link #create()} chose. */
    abstract void recreate();

    /** {@return {@code kind:KEY} as {@link #leftovers()} names an object, or nothing before {@code key} is chosen} */
    static Stream<String> leftover(String kind, IpcKey key) {
        return key == null ? Stream.empty() : Stream.of(kind + ":" + FreshKeys.argument(key));
    }
}
