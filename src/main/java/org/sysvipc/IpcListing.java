package org.sysvipc;

import static org.sysvipc.generated.SysvIpc.*;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.sysvipc.generated.msqid_ds;
import org.sysvipc.generated.semid_ds;
import org.sysvipc.generated.shmid_ds;
import org.sysvipc.internal.Errors;
import org.sysvipc.internal.MsgCalls;
import org.sysvipc.internal.Platform;
import org.sysvipc.internal.SemCalls;
import org.sysvipc.internal.ShmCalls;

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
        return list("msgctl", msqid_ds.layout().byteSize(), MSG_INFO(), MSG_STAT_ANY(),
                MsgCalls::msgctl, MessageQueueStat::from);
    }

    /**
     * {@return every semaphore set of this IPC namespace}
     *
     * @throws IpcException if the kernel refuses the listing
     */
    public static List<Entry<SemaphoreSetStat>> semaphoreSets() {
        return list("semctl", semid_ds.layout().byteSize(), SEM_INFO(), SEM_STAT_ANY(),
                (index, command, buffer) -> SemCalls.semctl(index, 0, command, buffer), SemaphoreSetStat::from);
    }

    /**
     * {@return every shared memory segment of this IPC namespace}
     *
     * @throws IpcException if the kernel refuses the listing
     */
    public static List<Entry<SharedMemoryStat>> sharedMemory() {
        return list("shmctl", shmid_ds.layout().byteSize(), SHM_INFO(), SHM_STAT_ANY(),
                ShmCalls::shmctl, SharedMemoryStat::from);
    }

    /** One of msgctl, semctl or shmctl with an index or id, a command and a buffer. */
    private interface Control {
        int call(int indexOrId, int command, MemorySegment buffer);
    }

    private static <S extends Record> List<Entry<S>> list(String call, long statSize, int info, int statAny,
                                                          Control control, Function<MemorySegment, S> decode) {
        Platform.requireSupported();
        try (Arena arena = Arena.ofConfined()) {
            // the *_INFO structs are smaller than the *_ds ones, so one buffer serves both
            MemorySegment buffer = arena.allocate(Math.max(statSize, 64), Long.BYTES);
            int highestIndex = control.call(0, info, buffer);
            if (highestIndex == -1) {
                throw Errors.lastCall(call, "the IPC namespace's listing");
            }
            List<Entry<S>> entries = new ArrayList<>();
            for (int index = 0; index <= highestIndex; index++) {
                int id = control.call(index, statAny, buffer);
                if (id >= 0) {
                    entries.add(new Entry<>(id, decode.apply(buffer)));
                } else if (Errors.lastErrno() != EINVAL()) {
                    // EINVAL: the slot is free now
                    throw Errors.lastCall(call, "index " + index + " of the IPC namespace's listing");
                }
            }
            return List.copyOf(entries);
        }
    }
}
