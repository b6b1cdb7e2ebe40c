package org.sysvipc;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.sysvipc.internal.Constants;
import org.sysvipc.internal.ErrnoNumbers;
import org.sysvipc.internal.Errors;
import org.sysvipc.internal.IpcKind;
import org.sysvipc.internal.Structs;
import org.sysvipc.internal.Syscalls;

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
public final class SharedMemory extends AbstractIpcObject<SharedMemoryStat> implements IpcObject {
    private SharedMemory(int id, IpcKey key) {
        super(IpcKind.SHARED_MEMORY, id, key);
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

    /** How a new segment is backed, as {@code shmget}'s flags choose. */
    public enum Option {
        /**
         * Back the segment with huge pages ({@code SHM_HUGETLB}): fewer TLB entries for a large
         * segment, and pages that are never swapped. Its size is rounded up to the huge page size.
         * The kernel refuses with EPERM unless the caller has {@code CAP_IPC_LOCK} or belongs to
         * the group {@code vm.hugetlb_shm_group} names, and with ENOMEM unless enough huge pages are
         * free ({@code vm.nr_hugepages}).
         */
        HUGE_PAGES,
        /**
         * Reserve no swap space ({@code SHM_NORESERVE}), or with {@link #HUGE_PAGES} no huge pages,
         * for the segment: its pages are found when first touched. If none is then available the
         * process gets SIGBUS (huge pages) or meets the out-of-memory killer, which a JVM does not
         * survive; use it only where the memory is known to be there.
         */
        NO_RESERVE
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
     * @param options     how a segment this call creates is backed; they do not change an existing one
     * @return the segment
     * @throws IllegalArgumentException    if permissions has bits beyond {@code 0777}, size is negative, or
     *                                     zero with a mode that creates, or the key is private with
     *                                     {@link OpenMode#OPEN_EXISTING}
     * @throws IpcNotFoundException        if the mode is {@link OpenMode#OPEN_EXISTING} and no segment has the key
     * @throws IpcAlreadyExistsException   if the mode is {@link OpenMode#CREATE_NEW} and a segment has the key
     * @throws IpcPermissionDeniedException if the segment exists and denies the access asked for, or (EPERM)
     *                                     {@link Option#HUGE_PAGES} is not allowed to the caller
     * @throws IpcInvalidArgumentException if size is above the system's limit ({@code shmmax}) or above an
     *                                     existing segment's size
     * @throws IpcLimitReachedException    if the system's limit on segments ({@code shmmni}) or on shared
     *                                     memory in all ({@code shmall}) is reached
     * @throws IpcException                for any other failure of {@code shmget}, such as ENOMEM when not
     *                                     enough huge pages are free for {@link Option#HUGE_PAGES}
     */
    public static SharedMemory open(IpcKey key, OpenMode mode, int permissions, long size, Option... options) {
        if (size < 0) {
            throw new IllegalArgumentException("a segment's size cannot be negative, was " + size);
        }
        if (size == 0 && mode != OpenMode.OPEN_EXISTING) {
            throw new IllegalArgumentException("a new segment needs a size of at least one byte");
        }
        int flags = openFlags(IpcKind.SHARED_MEMORY, key, mode, permissions);
        boolean hugePages = false;
        for (Option option : options) {
            flags |= option == Option.HUGE_PAGES ? Constants.SHM_HUGETLB : Constants.SHM_NORESERVE;
            hugePages |= option == Option.HUGE_PAGES;
        }
        return new SharedMemory(gotId(IpcKind.SHARED_MEMORY, "shmget", key, Syscalls.shmget(key.value(), size, flags),
                hugePages ? SharedMemory::explainHugePages : errno -> null), key);
    }

    private static String explainHugePages(int errno) {
        if (errno == ErrnoNumbers.ENOMEM) {
            return "not enough huge pages are free for the segment (see HugePages_Free in /proc/meminfo and"
                    + " vm.nr_hugepages)";
        }
        return errno == ErrnoNumbers.EPERM ? "huge pages need CAP_IPC_LOCK or membership of the group"
                + " vm.hugetlb_shm_group names" : null;
    }

    /**
     * Creates a segment that no key finds, readable and writable by its owner only
     * ({@link IpcPermissions#DEFAULT_MODE}); other processes reach it by its {@link #id()}.
     *
     * @param size    the size in bytes, at least one
     * @param options how the segment is backed
     * @return the new segment
     * @throws IllegalArgumentException     if size is not positive
     * @throws IpcInvalidArgumentException  if size is above the system's limit ({@code shmmax})
     * @throws IpcLimitReachedException     if the system's limit on segments or on shared memory is reached
     * @throws IpcPermissionDeniedException (EPERM) if {@link Option#HUGE_PAGES} is not allowed to the caller
     * @throws IpcException                 for any other failure of {@code shmget}, such as ENOMEM
     */
    public static SharedMemory createPrivate(long size, Option... options) {
        return open(IpcKey.PRIVATE, OpenMode.CREATE_NEW, IpcPermissions.DEFAULT_MODE, size, options);
    }

    /**
     * Gives a handle to the segment with {@code id}, such as one another process created and passed on.
     * Its key is read from the segment, whatever its access bits ({@code SHM_STAT_ANY}, as
     * {@code ipcs} reads it; {@code IPC_STAT} before Linux 4.17).
     *
     * @param id the segment's id
     * @return the segment
     * @throws IllegalArgumentException if id is negative
     * @throws IpcNotFoundException    if no segment has the id (any more)
     * @throws IpcException             for any other failure of {@code shmctl}
     */
    public static SharedMemory ofId(int id) {
        return ofId(IpcKind.SHARED_MEMORY, id, (found, key, state) -> new SharedMemory(found, key));
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
        long address = Syscalls.shmat(id, readOnly ? Constants.SHM_RDONLY : 0);
        if (address < 0) {
            throw failure("shmat", (int) -address);
        }
        long size;
        try (Arena arena = Arena.ofConfined()) {
            // read after shmat, not cached: an id can come to name a new segment once the old one is gone
            size = Structs.segmentSize(stateIn(arena));
        } catch (RuntimeException e) {
            Syscalls.shmdt(address);
            throw e;
        }
        return new Attachment(this, address, size, readOnly);
    }

    /**
     * Reads the segment's status ({@code shmctl(IPC_STAT)}).
     *
     * @return the status now
     * @throws IpcPermissionDeniedException if the caller may not read the segment
     * @throws IpcRemovedException          if the segment was removed
     */
    public SharedMemoryStat stat() {
        return readStat();
    }

    /**
     * Locks the segment's pages in memory ({@code SHM_LOCK}): they are never swapped out, and
     * {@link SharedMemoryStat#lockedInMemory()} says so, until {@link #unlockInMemory()}. Pages are
     * locked as they are first touched; a segment of huge pages is never swapped anyway.
     *
     * @throws IpcPermissionDeniedException (EPERM) without {@code CAP_IPC_LOCK}, unless the caller
     *                                      owns or created the segment and its {@code RLIMIT_MEMLOCK}
     *                                      is not zero
     * @throws IpcException                 ENOMEM without {@code CAP_IPC_LOCK} when the segment would take
     *                                      the caller's locked memory beyond its {@code RLIMIT_MEMLOCK}
     * @throws IpcRemovedException          if the segment was removed
     */
    public void lockInMemory() {
        memoryLock(Constants.SHM_LOCK, "SHM_LOCK");
    }

    /**
     * Lets the segment's pages be swapped out again ({@code SHM_UNLOCK}).
     *
     * @throws IpcPermissionDeniedException (EPERM) without {@code CAP_IPC_LOCK}, unless the caller
     *                                      owns or created the segment
     * @throws IpcRemovedException          if the segment was removed
     */
    public void unlockInMemory() {
        memoryLock(Constants.SHM_UNLOCK, "SHM_UNLOCK");
    }

    private void memoryLock(int command, String name) {
        int result = kind.control(id, command, MemorySegment.NULL);
        if (result == -ErrnoNumbers.ENOMEM) {
            throw Errors.of("shmctl(" + name + ")", toString(), ErrnoNumbers.ENOMEM, "locking the segment would"
                    + " take this process's locked memory beyond RLIMIT_MEMLOCK, and it lacks CAP_IPC_LOCK");
        }
        check(result, name);
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
        private final long address;
        private final Arena arena;
        private final MemorySegment segment;
        private final boolean readOnly;
        /** Written under this object's monitor, so that concurrent closes take turns. */
        private volatile boolean attached = true;

        private Attachment(SharedMemory memory, long address, long size, boolean readOnly) {
            this.memory = memory;
            this.address = address;
            this.readOnly = readOnly;
            // a shared arena: its close reaches every thread, so no access can outlive the mapping
            this.arena = Arena.ofShared();
            MemorySegment mapped = MemorySegment.ofAddress(address).reinterpret(size, arena, null);
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
            return attached;
        }

        /**
         * Detaches the segment: first ends the {@link #segment()}'s scope, so no thread can reach the
         * memory any more, then unmaps it ({@code shmdt}). Does nothing if already closed. Closes
         * from several threads take turns: each either detaches, finds the attachment closed, or
         * throws because it is still in use; none returns while the segment stays attached.
         *
         * @throws IllegalStateException if the segment is in use by a native call or an I/O operation
         *                               in another thread; the attachment then stays open
         */
        @Override
        public synchronized void close() {
            if (!attached) {
                return;
            }
            arena.close(); // throws, leaving everything as it was, while the segment is in use
            attached = false;
            int result = Syscalls.shmdt(address);
            if (result < 0) {
                throw Errors.of("shmdt", memory.toString(), -result);
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
