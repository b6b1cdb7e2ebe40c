package org.sysvipc.internal;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.util.function.Function;
import org.sysvipc.IpcPermissions;
import org.sysvipc.MessageQueueStat;
import org.sysvipc.SemaphoreSetStat;
import org.sysvipc.SharedMemoryStat;

/**
 * What differs between message queues, semaphore sets and shared memory segments where they are
 * alike: the control call ({@code msgctl}, {@code semctl}, {@code shmctl}), the state struct and
 * where its {@code ipc_perm} is, the info struct and the listing commands, and the object's name
 * in messages. Each method that calls returns the result, or -errno.
 *
 * @param <S> the record the state struct is read into
 */
public final class IpcKind<S extends Record> {
    /** Message queues: msgctl and {@code struct msqid_ds}. */
    public static final IpcKind<MessageQueueStat> MESSAGE_QUEUE = new IpcKind<>("message queue", "msgctl",
            Layouts.MSQID_DS, Layouts.offset(Layouts.MSQID_DS, "msg_perm"), Layouts.MSGINFO, Constants.MSG_INFO,
            Constants.MSG_STAT_ANY, Syscalls::msgctl, Structs::messageQueueStat);
    /** Semaphore sets: semctl and {@code struct semid_ds}. */
    public static final IpcKind<SemaphoreSetStat> SEMAPHORE_SET = new IpcKind<>("semaphore set", "semctl",
            Layouts.SEMID_DS, Layouts.offset(Layouts.SEMID_DS, "sem_perm"), Layouts.SEMINFO, Constants.SEM_INFO,
            Constants.SEM_STAT_ANY, (id, command, buffer) -> Syscalls.semctl(id, 0, command, buffer),
            Structs::semaphoreSetStat);
    /** Shared memory segments: shmctl and {@code struct shmid_ds}. */
    public static final IpcKind<SharedMemoryStat> SHARED_MEMORY = new IpcKind<>("shared memory segment", "shmctl",
            Layouts.SHMID_DS, Layouts.offset(Layouts.SHMID_DS, "shm_perm"), Layouts.SHMINFO, Constants.SHM_INFO,
            Constants.SHM_STAT_ANY, Syscalls::shmctl, Structs::sharedMemoryStat);

    /**
     * An id's index in the kernel's table is its low bits: 15 of them by default, 24 with the
     * {@code ipcmni_extend} boot option. A *_STAT_ANY answer names the id it found, so a wrong
     * guess is seen.
     */
    private static final int[] INDEX_MASKS = {0x7fff, 0xffffff};

    private final String noun;
    private final String controlCall;
    private final MemoryLayout stateLayout;
    private final long permOffset;
    private final MemoryLayout infoLayout;
    private final int infoCommand;
    private final int statAnyCommand;
    private final Control control;
    private final Function<MemorySegment, S> decoder;

    /** One of msgctl, semctl (on semaphore 0) or shmctl. */
    private interface Control {
        int call(int idOrIndex, int command, MemorySegment buffer);
    }

    private IpcKind(String noun, String controlCall, MemoryLayout stateLayout, long permOffset,
            MemoryLayout infoLayout, int infoCommand, int statAnyCommand, Control control,
            Function<MemorySegment, S> decoder) {
        this.noun = noun;
        this.controlCall = controlCall;
        this.stateLayout = stateLayout;
        this.permOffset = permOffset;
        this.infoLayout = infoLayout;
        this.infoCommand = infoCommand;
        this.statAnyCommand = statAnyCommand;
        this.control = control;
        this.decoder = decoder;
    }

    /** {@return how messages name an object of this kind, such as "message queue"} */
    public String noun() {
        return noun;
    }

    /** {@return the control call's name, such as "msgctl"} */
    public String controlCall() {
        return controlCall;
    }

    /** {@return room for the state struct, zeroed} */
    public MemorySegment allocateState(SegmentAllocator allocator) {
        return allocator.allocate(stateLayout);
    }

    /** The control call with any command: its result, or -errno. */
    public int control(int idOrIndex, int command, MemorySegment buffer) {
        return control.call(idOrIndex, command, buffer);
    }

    /** IPC_STAT into {@code state}: 0 or -errno. */
    public int stat(int id, MemorySegment state) {
        return control(id, Constants.IPC_STAT, state);
    }

    /**
     * Reads the state of object {@code id} whatever its access bits, as {@code ipcs} does: the
     * *_STAT_ANY command (Linux 4.17 and later) at the id's index, and IPC_STAT where that does not
     * find the id (an older kernel, or a security module that refuses): 0 or -errno.
     */
    public int statAnyAccess(int id, MemorySegment state) {
        int tried = -1;
        for (int mask : INDEX_MASKS) {
            int index = id & mask;
            if (index != tried && control(index, statAnyCommand, state) == id) {
                return 0;
            }
            tried = index;
        }
        return stat(id, state);
    }

    /** IPC_SET from {@code state}: 0 or -errno. */
    public int set(int id, MemorySegment state) {
        return control(id, Constants.IPC_SET, state);
    }

    /** IPC_RMID: 0 or -errno. */
    public int remove(int id) {
        return control(id, Constants.IPC_RMID, MemorySegment.NULL);
    }

    /** {@return the state struct as its record} */
    public S decode(MemorySegment state) {
        return decoder.apply(state);
    }

    /** {@return the owner, creator, key and mode in the state struct} */
    public IpcPermissions permissions(MemorySegment state) {
        return Structs.permissions(state.asSlice(permOffset));
    }

    /** Writes owner and access bits into the state struct, as IPC_SET reads them. */
    public void setOwnerAndMode(MemorySegment state, int uid, int gid, int mode) {
        Structs.setOwnerAndMode(state.asSlice(permOffset), uid, gid, mode);
    }

    // ---- listing

    /** {@return room for the state struct or the info struct, whichever is larger} */
    public MemorySegment allocateListingBuffer(SegmentAllocator allocator) {
        return allocator.allocate(Math.max(stateLayout.byteSize(), infoLayout.byteSize()),
                Math.max(stateLayout.byteAlignment(), infoLayout.byteAlignment()));
    }

    /** The *_INFO command: the highest index in use, or -errno. */
    public int highestIndex(MemorySegment buffer) {
        return control(0, infoCommand, buffer);
    }

    /** The *_STAT_ANY command at {@code index}: the id of the object there, or -errno (EINVAL for a free slot). */
    public int statAtIndex(int index, MemorySegment state) {
        return control(index, statAnyCommand, state);
    }
}
