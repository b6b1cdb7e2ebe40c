package org.sysvipc;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.sysvipc.internal.ErrnoNumbers;
import org.sysvipc.internal.Errors;
import org.sysvipc.internal.IpcKind;
import org.sysvipc.internal.Platform;

/**
 * Every message queue, semaphore set and shared memory segment of the current IPC namespace, with
 * their state: what {@code ipcs} shows. Read with the kernel's {@code *_INFO} and
 * {@code *_STAT_ANY} commands (Linux 4.17 and later), which need no access to the objects, so the
 * listing is complete for any caller.
 *
 * <p>Each list is a snapshot: objects may come and go while it is read.
 */
public final class IpcListing {
    private IpcListing() {
    }

    /**
     * An object in a listing: its id and its state.
     *
     * @param id   the object's id, as {@link MessageQueue#ofId(int)} and the others take it
     * @param stat the object's state when listed
     * @param <S>  the kind of state: {@link MessageQueueStat}, {@link SemaphoreSetStat} or {@link SharedMemoryStat}
     */
    public record Entry<S extends Record>(int id, S stat) {
    }

    /**
     * {@return every message queue of this IPC namespace}
     *
     * @throws IpcException if the kernel refuses the listing
     */
    public static List<Entry<MessageQueueStat>> messageQueues() {
        return list(IpcKind.MESSAGE_QUEUE);
    }

    /**
     * {@return every semaphore set of this IPC namespace}
     *
     * @throws IpcException if the kernel refuses the listing
     */
    public static List<Entry<SemaphoreSetStat>> semaphoreSets() {
        return list(IpcKind.SEMAPHORE_SET);
    }

    /**
     * {@return every shared memory segment of this IPC namespace}
     *
     * @throws IpcException if the kernel refuses the listing
     */
    public static List<Entry<SharedMemoryStat>> sharedMemory() {
        return list(IpcKind.SHARED_MEMORY);
    }

    private static <S extends Record> List<Entry<S>> list(IpcKind<S> kind) {
        Platform.requireSupported();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = kind.allocateListingBuffer(arena);
            int highestIndex = kind.highestIndex(buffer);
            if (highestIndex < 0) {
                throw Errors.of(kind.controlCall(), "the IPC namespace's listing", -highestIndex);
            }
            List<Entry<S>> entries = new ArrayList<>();
            for (int index = 0; index <= highestIndex; index++) {
                int id = kind.statAtIndex(index, buffer);
                if (id >= 0) {
                    entries.add(new Entry<>(id, kind.decode(buffer)));
                } else if (id != -ErrnoNumbers.EINVAL) {
                    // EINVAL: the slot is free now
                    throw Errors.of(kind.controlCall(), "index " + index + " of the IPC namespace's listing", -id);
                }
            }
            return List.copyOf(entries);
        }
    }
}
