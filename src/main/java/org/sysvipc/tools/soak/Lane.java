package org.sysvipc.tools.soak;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.function.ObjLongConsumer;

/**
 * A transport the soak drives messages through, made of System V objects: a message queue, or a
 * ring in shared memory guarded by a semaphore lock. This is the soak's side of it; each worker
 * uses a {@link LaneEndpoint} of the same {@link #kind()}. To add a transport, such as the
 * shared-memory channel, implement both, open the endpoint in {@link SoakWorker}, and list the lane
 * in {@link Soak}: the accounting, the signals, the kills and the removals then apply to it too.
 *
 * <p>The soak calls these methods from one thread, except {@link #removeQuietly()}, which its
 * shutdown hook may call at any time.
 */
interface Lane {
    /** {@return the lane's name in the report, such as {@code queue-full}} */
    String name();

    /** {@return the kind of lane, which tells a worker which {@link LaneEndpoint} to open} */
    String kind();

    /** {@return what a worker needs to open the lane, such as its keys; after {@link #create()}} */
    List<String> workerArguments();

    /** {@return the lane's producers and consumers} */
    List<WorkerSpec> workers();

    /** Creates the lane's objects, under keys nobody uses, and logs each. */
    void create();

    /**
     * Removes the lane's objects and creates them anew under the same keys, the way an operator's
     * {@code ipcrm} and a restarted service would. Before removing, it stops the lane from
     * accepting messages and passes each message still in it to {@code drained}, with its length,
     * so that the removal destroys nothing that was accepted. Blocked workers wake with
     * {@link org.sysvipc.IpcRemovedException} and open the lane again.
     */
    void replace(ObjLongConsumer<MemorySegment> drained);

    /** Drains and removes the lane's objects as {@link #replace} does, without creating them anew: the end. */
    void retire(ObjLongConsumer<MemorySegment> drained);

    /** Removes whatever of the lane's objects exists, taking no message: for an abrupt end. */
    void removeQuietly();

    /** {@return what the {@link Janitor} removes should the soak die: {@code msg:KEY}, {@code sem:KEY} or {@code shm:KEY}} */
    List<String> leftovers();

    /** {@return whether the lane is full now, as a sample for the report} */
    boolean isFull();

    /**
     * {@return whether the chaos also kills this lane's own producers and consumers, besides the
     * lock holders and random consumers it kills in every lane}
     */
    default boolean targetedKills() {
        return false;
    }
}
