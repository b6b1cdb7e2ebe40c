package org.sysvipc;

import static org.sysvipc.internal.ErrnoNumbers.EIDRM;
import static org.sysvipc.internal.ErrnoNumbers.EINVAL;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Objects;
import java.util.function.IntFunction;
import org.sysvipc.internal.Constants;
import org.sysvipc.internal.Errors;
import org.sysvipc.internal.IpcKind;
import org.sysvipc.internal.Platform;

/**
 * What message queues, semaphore sets and shared memory segments share: a handle is the object's
 * id and the key it was opened by; it opens and looks up objects, reads their state, changes their
 * owner and mode, removes them, and explains a failed call with one rule for whether the object
 * still exists. The public subclasses add only what is their own.
 *
 * @param <S> the record of the object's state
 */
abstract sealed class AbstractIpcObject<S extends Record> permits MessageQueue, SemaphoreSet, SharedMemory {
    /** Makes a handle from the id and the state *_STAT_ANY or IPC_STAT read, for {@code ofId}. */
    interface Factory<T> {
        T make(int id, IpcKey key, MemorySegment state);
    }

    final IpcKind<S> kind;
    final int id;
    final IpcKey key;

    AbstractIpcObject(IpcKind<S> kind, int id, IpcKey key) {
        this.kind = kind;
        this.id = id;
        this.key = key;
    }

    // ---- opening

    /**
     * Checks what every open checks and returns the get call's flags: {@code permissions}, and
     * IPC_CREAT and IPC_EXCL as {@code mode} says.
     */
    static int openFlags(IpcKind<?> kind, IpcKey key, OpenMode mode, int permissions) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(mode, "mode");
        IpcPermissions.requireMode(permissions);
        if (key.isPrivate() && mode == OpenMode.OPEN_EXISTING) {
            throw new IllegalArgumentException("IPC_PRIVATE names no existing " + kind.noun()
                    + "; create one, or use ofId");
        }
        Platform.requireSupported();
        return permissions | switch (mode) {
            case OPEN_EXISTING -> 0;
            case CREATE -> Constants.IPC_CREAT;
            case CREATE_NEW -> Constants.IPC_CREAT | Constants.IPC_EXCL;
        };
    }

    /**
     * {@return the id a get call returned} or throws its failure, with the detail
     * {@code explain} gives for its errno (or null)
     */
    static int gotId(IpcKind<?> kind, String call, IpcKey key, int result, IntFunction<String> explain) {
        if (result < 0) {
            throw Errors.of(call, kind.noun() + " " + key, -result, explain.apply(-result));
        }
        return result;
    }

    /**
     * Looks up the object with {@code id}: reads its state whatever its access bits (as
     * {@link IpcKind#statAnyAccess} does) and makes the handle from it.
     */
    static <T> T ofId(IpcKind<?> kind, int id, Factory<T> factory) {
        if (id < 0) {
            throw new IllegalArgumentException("an id is not negative, was " + id);
        }
        Platform.requireSupported();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = kind.allocateState(arena);
            int result = kind.statAnyAccess(id, state);
            if (result < 0) {
                int errno = -result;
                String call = kind.controlCall() + "(IPC_STAT)";
                String subject = kind.noun() + " " + id;
                throw errno == EINVAL || errno == EIDRM
                        ? new IpcNotFoundException(call, subject, errno, "no " + kind.noun() + " has this id")
                        : Errors.of(call, subject, errno);
            }
            return factory.make(id, kind.permissions(state).key(), state);
        }
    }

    // ---- what every kind has

    /**
     * {@return the id the kernel gave the object, unique in its IPC namespace while it exists}
     */
    public int id() {
        return id;
    }

    /**
     * {@return the key the object was opened by, or {@link IpcKey#PRIVATE}}
     */
    public IpcKey key() {
        return key;
    }

    /**
     * Changes the object's owner and access bits ({@code IPC_SET}); the creator stays. Like C's
     * {@code IPC_SET}, it needs only ownership, not read access: an owner can change an object
     * whose mode is 0.
     *
     * @param uid  the new owner's user id
     * @param gid  the new owner's group id
     * @param mode the nine access bits, such as {@code 0660}
     * @throws IllegalArgumentException     if uid or gid is negative or mode has bits beyond {@code 0777}
     * @throws IpcPermissionDeniedException (EPERM) if the caller is neither owner, creator nor privileged
     * @throws IpcRemovedException          if the object was removed
     * @throws IpcInvalidArgumentException  if the kernel refuses the uid or gid (not mapped in this user namespace)
     */
    public void setPermissions(int uid, int gid, int mode) {
        IpcPermissions.requireOwner(uid, gid);
        IpcPermissions.requireMode(mode);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = stateForSet(arena);
            kind.setOwnerAndMode(state, uid, gid, mode);
            check(kind.set(id, state), "IPC_SET");
        }
    }

    /**
     * Removes the object ({@code IPC_RMID}). Queues and semaphore sets go at once and wake their
     * blocked callers with {@link IpcRemovedException}; a segment goes after its last detach.
     *
     * @throws IpcPermissionDeniedException if the caller is neither owner, creator nor privileged
     * @throws IpcRemovedException          if it was already removed
     */
    public void remove() {
        check(kind.remove(id), "IPC_RMID");
    }

    /** The state IPC_STAT reads now. */
    final S readStat() {
        try (Arena arena = Arena.ofConfined()) {
            return kind.decode(stateIn(arena));
        }
    }

    /** The state struct IPC_STAT fills now, in {@code arena}. */
    final MemorySegment stateIn(Arena arena) {
        MemorySegment state = kind.allocateState(arena);
        check(kind.stat(id, state), "IPC_STAT");
        return state;
    }

    /**
     * The state struct IPC_SET is given, before the owner and mode are written into it: zeros,
     * since semctl's and shmctl's IPC_SET read only those, so that changing them needs no read access.
     */
    MemorySegment stateForSet(Arena arena) {
        return kind.allocateState(arena);
    }

    /** Throws the failure of the control call's {@code command} if {@code result} is -errno. */
    final void check(int result, String command) {
        if (result < 0) {
            throw failure(kind.controlCall() + "(" + command + ")", -result);
        }
    }

    /**
     * The exception for {@code call} on this object failing with {@code errno}. The one existence
     * rule: the kernel answers EINVAL for an id that names nothing (any more), and then the caller
     * needs to know the object was removed; EIDRM always says so.
     */
    final IpcException failure(String call, int errno) {
        if (errno == EINVAL && !exists()) {
            return new IpcRemovedException(call, toString(), errno, "the " + kind.noun() + " was removed");
        }
        return Errors.of(call, toString(), errno);
    }

    /** Whether the id still names an object: IPC_STAT fails with EINVAL or EIDRM once it does not. */
    final boolean exists() {
        try (Arena arena = Arena.ofConfined()) {
            int result = kind.stat(id, kind.allocateState(arena));
            return result != -EINVAL && result != -EIDRM;
        }
    }

    /**
     * {@return whether {@code other} is a handle to the same object: of the same kind, with the same id}
     *
     * @param other the object to compare with
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof AbstractIpcObject<?> that && that.kind == kind && that.id == id;
    }

    /**
     * {@return a hash code from the id}
     */
    @Override
    public int hashCode() {
        return Integer.hashCode(id);
    }

    /**
     * {@return the object as exception messages name it, such as {@code message queue 3 (key 0x0000beef)}
     * or {@code semaphore set 5 (IPC_PRIVATE)}}
     */
    @Override
    public String toString() {
        return kind.noun() + " " + id + " (" + key + ")";
    }
}
