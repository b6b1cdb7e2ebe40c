package org.sysvipc;

import static org.sysvipc.generated.SysvIpc.*;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.sysvipc.generated.shmid_ds;
import org.sysvipc.internal.Errors;
import org.sysvipc.internal.Platform;
import org.sysvipc.internal.ShmCalls;
import org.sysvipc.internal.Structs;

/**
 * A System V shared memory segment: memory that every process attaching it sees, at whatever
 * address each gets. {@link #attach()} maps it into this process and gives a
 * {@link MemorySegment} of exactly the segment's size; closing the {@link Attachment} unmaps it, and
 * any later access through that {@code MemorySegment} throws {@link IllegalStateException} instead of
 * crashing the JVM.
 *
 * <p>The kernel fills a new segment with zeros. Each attachment starts on a page boundary, so
 * {@link java.lang.foreign.ValueLayout#JAVA_LONG} and the other aligned layouts can be used at any
 * offset that is a multiple of their size. Two processes can share a counter with the
 * {@link java.lang.invoke.VarHandle} of a layout, whose atomic access modes work across processes:
 * {@snippet :
 * static final VarHandle COUNTER = ValueLayout.JAVA_LONG.varHandle(); // coordinates (segment, offset)
 *
 * // in the first process: create the segment and pass memory.id() to the second one
 * SharedMemory memory = SharedMemory.createPrivate(Long.BYTES);
 *
 * // in both processes (the second opens it with SharedMemory.ofId(id))
 * try (SharedMemory.Attachment attachment = memory.attach()) {
 *     MemorySegment counter = attachment.segment();
 *     long before = (long) COUNTER.getAndAdd(counter, 0L, 1L); // one atomic increment
 * }
 *
 * // when neither needs it any more; it goes once the last process has detached
 * memory.remove();
 * }
 *
 * <p>Plain {@code get} and {@code set} give no ordering between processes; use the var handle's
 * atomic or volatile modes, or a {@link SemaphoreSet}, to coordinate.
 *
 * <p>A {@code SharedMemory} is only the segment's id: it holds no native resource, is safe to share
 * between threads, and outlives the segment if another process removes it (calls then throw
 * {@link IpcRemovedException}). An {@link Attachment} holds a mapping and is closed explicitly; it is
 * thread-safe too. No method here blocks, so all of them suit virtual threads.
 */
public final class SharedMemory implements IpcObject {
    private final int id;
    private final IpcKey key;

    private SharedMemory(int id, IpcKey key) {
        this.id = id;
        this.key = key;
    }

    /**
     * Opens the existing segment with {@code key}, of any size ({@code shmget(key, 0, 0)}). Access is
     * checked when attaching.
     *
     * @param key the segment's key; not {@link IpcKey#PRIVATE}, which no lookup finds
     * @return the segment
     * @throws IllegalArgumentException if the key is private
     * @throws IpcNotFoundException     if no segment has the key
     */
    public static SharedMemory open(IpcKey key) {
        return open(key, OpenMode.OPEN_EXISTING, 0, 0L);
    }

    /**
     * Opens or creates the segment with {@code key}. A new segment is {@code size} bytes of zeros owned
     * by this process's effective user and group with the access bits {@code permissions}; for an
     * existing one, the kernel checks that the caller has the access {@code permissions} asks for and
     * that the segment has at least {@code size} bytes.
     *
     * @param key         the key; {@link IpcKey#PRIVATE} always creates a new segment, so it needs
     *                    {@link OpenMode#CREATE} or {@link OpenMode#CREATE_NEW}
     * @param mode        whether to create the segment
     * @param permissions the nine access bits, such as {@code 0600}
     * @param size        the size in bytes; more than zero to create, or zero to open an existing segment
     *                    of any size
     * @return the segment
     * @throws IllegalArgumentException    if permissions has bits beyond {@code 0777}, size is negative, or
     *                                     zero with a mode that creates, or the key is private with
     *                                     {@link OpenMode#OPEN_EXISTING}
     * @throws IpcNotFoundException        if the mode is {@link OpenMode#OPEN_EXISTING} and no segment has the key
     * @throws IpcAlreadyExistsException   if the mode is {@link OpenMode#CREATE_NEW} and a segment has the key
     * @throws IpcPermissionDeniedException if the segment exists and denies the access asked for
     * @throws IpcInvalidArgumentException if size is above the system's limit ({@code shmmax}) or above an
     *                                     existing segment's size
     * @throws IpcLimitReachedException    if the system's limit on segments ({@code shmmni}) or on shared
     *                                     memory in all ({@code shmall}) is reached
     * @throws IpcException                for any other failure of {@code shmget}, such as ENOMEM
     */
    public static SharedMemory open(IpcKey key, OpenMode mode, int permissions, long size) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(mode, "mode");
        IpcPermissions.requireMode(permissions);
        if (size < 0) {
            throw new IllegalArgumentException("a segment's size cannot be negative, was " + size);
        }
        if (size == 0 && mode != OpenMode.OPEN_EXISTING) {
            throw new IllegalArgumentException("a new segment needs a size of at least one byte");
        }
        if (key.isPrivate() && mode == OpenMode.OPEN_EXISTING) {
            throw new IllegalArgumentException("IPC_PRIVATE names no existing segment; create one or use ofId");
        }
        Platform.requireSupported();
        int flags = permissions | switch (mode) {
            case OPEN_EXISTING -> 0;
            case CREATE -> IPC_CREAT();
            case CREATE_NEW -> IPC_CREAT() | IPC_EXCL();
        };
        int id = ShmCalls.shmget(key.value(), size, flags);
        if (id == -1) {
            throw Errors.lastCall("shmget", "shared memory segment " + key);
        }
        return new SharedMemory(id, key);
    }

    /**
     * Creates a segment that no key finds, readable and writable by its owner only
     * ({@link IpcPermissions#DEFAULT_MODE}); other processes reach it by its {@link #id()}.
     *
     * @param size the size in bytes, at least one
     * @return the new segment
     * @throws IllegalArgumentException    if size is not positive
     * @throws IpcInvalidArgumentException if size is above the system's limit ({@code shmmax})
     * @throws IpcLimitReachedException    if the system's limit on segments or on shared memory is reached
     * @throws IpcException                for any other failure of {@code shmget}, such as ENOMEM
     */
    public static SharedMemory createPrivate(long size) {
        return open(IpcKey.PRIVATE, OpenMode.CREATE_NEW, IpcPermissions.DEFAULT_MODE, size);
    }

    /**
     * Gives a handle to the segment with {@code id}, such as one another process created and passed on.
     * Its key is read from the segment if the caller may read the segment, and is
     * {@link IpcKey#PRIVATE} otherwise.
     *
     * @param id the segment's id
     * @return the segment
     * @throws IllegalArgumentException if id is negative
     * @throws IpcNotFoundException    if no segment has the id (any more)
     * @throws IpcException             for any other failure of {@code shmctl(IPC_STAT)}
     */
    public static SharedMemory ofId(int id) {
        if (id < 0) {
            throw new IllegalArgumentException("ids are not negative, was " + id);
        }
        Platform.requireSupported();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(shmid_ds.layout());
            if (ShmCalls.shmctl(id, IPC_STAT(), buffer) == 0) {
                return new SharedMemory(id, Structs.permissions(shmid_ds.shm_perm(buffer)).key());
            }
            int errno = Errors.lastErrno();
            if (errno == EACCES() || errno == EPERM()) {
                return new SharedMemory(id, IpcKey.PRIVATE); // it exists; only its key is hidden
            }
            throw Errors.onLookupById("shmctl(IPC_STAT)", "shared memory segment " + id, errno);
        }
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public IpcKey key() {
        return key;
    }

    /**
     * Attaches the segment for reading and writing ({@code shmat(id, NULL, 0)}).
     *
     * @return the attachment, which the caller must close
     * @throws IpcPermissionDeniedException if the caller may not both read and write the segment
     * @throws IpcRemovedException          if the segment was removed
     * @throws IpcException                 for any other failure of {@code shmat}, such as ENOMEM when
     *                                      the address space is exhausted
     */
    public Attachment attach() {
        return attach(false);
    }

    /**
     * Attaches the segment for reading only ({@code shmat(id, NULL, SHM_RDONLY)}). The attachment's
     * segment is {@linkplain MemorySegment#isReadOnly() read-only}: writes through it throw
     * {@link IllegalArgumentException}, as for any read-only segment, before they reach the memory.
     *
     * @return the attachment, which the caller must close
     * @throws IpcPermissionDeniedException if the caller may not read the segment
     * @throws IpcRemovedException          if the segment was removed
     * @throws IpcException                 for any other failure of {@code shmat}
     */
    public Attachment attachReadOnly() {
        return attach(true);
    }

    private Attachment attach(boolean readOnly) {
        MemorySegment address = ShmCalls.shmat(id, MemorySegment.NULL, readOnly ? SHM_RDONLY() : 0);
        if (address.address() == ShmCalls.SHMAT_FAILED) {
            int errno = Errors.lastErrno();
            throw Errors.onId("shmat", this, errno, exists());
        }
        long size;
        try {
            // read after shmat, not cached: an id can come to name a new segment once the old one is gone
            size = attachedSize();
        } catch (RuntimeException e) {
            ShmCalls.shmdt(address);
            throw e;
        }
        return new Attachment(this, address, size, readOnly);
    }

    /** The size of the segment, read without building a whole {@link SharedMemoryStat}. */
    private long attachedSize() {
        try (Arena arena = Arena.ofConfined()) {
            return shmid_ds.shm_segsz(statInto(arena));
        }
    }

    private MemorySegment statInto(Arena arena) {
        MemorySegment buffer = arena.allocate(shmid_ds.layout());
        if (ShmCalls.shmctl(id, IPC_STAT(), buffer) != 0) {
            throw Errors.onId("shmctl(IPC_STAT)", this, Errors.lastErrno(), false);
        }
        return buffer;
    }

    /**
     * Reads the segment's status ({@code shmctl(IPC_STAT)}).
     *
     * @return the status now
     * @throws IpcPermissionDeniedException if the caller may not read the segment
     * @throws IpcRemovedException          if the segment was removed
     */
    public SharedMemoryStat stat() {
        try (Arena arena = Arena.ofConfined()) {
            return SharedMemoryStat.from(statInto(arena));
        }
    }

    /**
     * Changes the segment's owner and access bits ({@code shmctl(IPC_SET)}); the creator stays.
     *
     * @param uid  the new owner's user id
     * @param gid  the new owner's group id
     * @param mode the nine access bits, such as {@code 0660}
     * @throws IllegalArgumentException     if uid or gid is negative or mode has bits beyond {@code 0777}
     * @throws IpcPermissionDeniedException if the caller is neither owner, creator nor privileged
     * @throws IpcRemovedException          if the segment was removed
     * @throws IpcInvalidArgumentException  if the kernel refuses the uid or gid (not mapped in this user namespace)
     */
    public void setPermissions(int uid, int gid, int mode) {
        IpcPermissions.requireOwner(uid, gid);
        IpcPermissions.requireMode(mode);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = statInto(arena);
            Structs.setOwnerAndMode(shmid_ds.shm_perm(buffer), uid, gid, mode);
            if (ShmCalls.shmctl(id, IPC_SET(), buffer) != 0) {
                int errno = Errors.lastErrno();
                throw Errors.onId("shmctl(IPC_SET)", this, errno, exists());
            }
        }
    }

    /**
     * Removes the segment ({@code shmctl(IPC_RMID)}). Its key is free at once; the memory goes when the
     * last attachment in any process is detached, and until then existing attachments work as before and
     * {@link SharedMemoryStat#markedForDestruction()} is true. Removing a segment that is marked already
     * but still attached succeeds again.
     *
     * @throws IpcPermissionDeniedException if the caller is neither owner, creator nor privileged
     * @throws IpcRemovedException          if the segment is gone
     */
    @Override
    public void remove() {
        if (ShmCalls.shmctl(id, IPC_RMID(), MemorySegment.NULL) != 0) {
            int errno = Errors.lastErrno();
            throw Errors.onId("shmctl(IPC_RMID)", this, errno, exists());
        }
    }

    /** Whether the id still names a segment; being denied to read it means it does. */
    private boolean exists() {
        try (Arena arena = Arena.ofConfined()) {
            if (ShmCalls.shmctl(id, IPC_STAT(), arena.allocate(shmid_ds.layout())) == 0) {
                return true;
            }
            int errno = Errors.lastErrno();
            return errno != EINVAL() && errno != EIDRM();
        }
    }

    /**
     * {@return whether {@code other} is a handle to the same segment, that is with the same id}
     *
     * @param other the object to compare with
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof SharedMemory that && that.id == id;
    }

    /**
     * {@return a hash of the id}
     */
    @Override
    public int hashCode() {
        return Integer.hashCode(id);
    }

    /**
     * {@return the segment as exception messages name it, such as
     * {@code shared memory segment 5 (key 0x5e5e0001)}}
     */
    @Override
    public String toString() {
        return "shared memory segment " + id + " (" + key + ")";
    }

    /**
     * The segment mapped into this process: {@link #segment()} is the memory, valid until
     * {@link #close()} detaches it ({@code shmdt}). Close it when done, with try-with-resources or
     * otherwise; an attachment left open stays mapped until the process ends, and keeps a removed
     * segment alive.
     *
     * <p>An attachment is thread-safe: any thread may use its segment, and {@code close} may be called
     * from any thread, more than once. Once closed, every access through the segment throws
     * {@link IllegalStateException}, including in threads that were accessing it while it closed.
     */
    public static final class Attachment implements AutoCloseable {
        private final SharedMemory memory;
        private final MemorySegment address;
        private final Arena arena;
        private final MemorySegment segment;
        private final boolean readOnly;
        private final AtomicBoolean attached = new AtomicBoolean(true);

        private Attachment(SharedMemory memory, MemorySegment address, long size, boolean readOnly) {
            this.memory = memory;
            this.address = address;
            this.readOnly = readOnly;
            // a shared arena: its close reaches every thread, so no access can outlive the mapping
            this.arena = Arena.ofShared();
            MemorySegment mapped = address.reinterpret(size, arena, null);
            this.segment = readOnly ? mapped.asReadOnly() : mapped;
        }

        /**
         * {@return the attached memory: as many bytes as the segment's size, starting on a page boundary;
         * read-only if the attachment is; unusable once the attachment is closed}
         */
        public MemorySegment segment() {
            return segment;
        }

        /**
         * {@return whether the segment is attached read-only ({@code SHM_RDONLY})}
         */
        public boolean isReadOnly() {
            return readOnly;
        }

        /**
         * {@return whether this attachment is still open}
         */
        public boolean isAttached() {
            return attached.get();
        }

        /**
         * Detaches the segment: first ends the {@link #segment()}'s scope, so no thread can reach the
         * memory any more, then unmaps it ({@code shmdt}). Does nothing if already closed.
         *
         * @throws IllegalStateException if the segment is in use by a native call in another thread; the
         *                               attachment then stays open
         */
        @Override
        public void close() {
            if (!attached.compareAndSet(true, false)) {
                return;
            }
            try {
                arena.close();
            } catch (IllegalStateException inUse) {
                attached.set(true);
                throw inUse;
            }
            if (ShmCalls.shmdt(address) != 0) {
                throw Errors.lastCall("shmdt", memory);
            }
        }

        /**
         * {@return the attachment's segment and mode, such as
         * {@code read-write attachment of shared memory segment 5 (IPC_PRIVATE)}}
         */
        @Override
        public String toString() {
            return (readOnly ? "read-only" : "read-write") + " attachment of " + memory
                    + (isAttached() ? "" : " (detached)");
        }
    }
}
