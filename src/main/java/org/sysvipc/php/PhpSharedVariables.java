package org.sysvipc.php;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.sysvipc.IpcAlreadyExistsException;
import org.sysvipc.IpcKey;
import org.sysvipc.IpcPermissions;
import org.sysvipc.IpcNotFoundException;
import org.sysvipc.OpenMode;
import org.sysvipc.SharedMemory;

/**
 * Variables in a shared memory segment, laid out byte for byte as 64-bit PHP's {@code shm_attach},
 * {@code shm_put_var}, {@code shm_get_var}, {@code shm_has_var} and {@code shm_remove_var} lay them
 * out, so that Java and PHP processes share them.
 *
 * {@snippet :
 * // PHP: $shm = shm_attach($key); shm_put_var($shm, 1, ['hits' => 41]);
 * try (PhpSharedVariables vars = PhpSharedVariables.attach(key)) {
 *     Map<?, ?> counter = (Map<?, ?>) vars.get(1);   // {hits=41}
 *     vars.put(1, Map.of("hits", 42L));              // PHP's shm_get_var($shm, 1) now sees 42
 * }
 * }
 *
 * <h2>Layout</h2>
 * All numbers are 8-byte {@code long}s in the machine's byte order. The segment starts with a 40-byte
 * header: the magic {@code "PHP_SM"} padded with zero bytes to 8, then {@code start} (where the first
 * variable is, always 40), {@code end} (where free space begins), {@code free} (bytes left) and
 * {@code total} (the size given when the header was written). Variables follow one after another from
 * {@code start} to {@code end}, each a chunk of: its {@code key}, the {@code length} of its value, the
 * chunk's size {@code next}, then the value as {@link PhpSerializer serialize()} writes it. A chunk's
 * size is {@code ((length + 31) / 8) * 8 + 8} bytes. Putting a variable removes the one with the same
 * key, then appends the new chunk at {@code end}; removing one moves the chunks after it down over it,
 * so the space stays contiguous.
 *
 * <h2>Corrupt segments</h2>
 * Every call checks the header, and every chunk it walks, against the segment's size: a missing magic,
 * offsets or sizes out of bounds and lengths that overrun their chunk end in a
 * {@link PhpFormatException} whose position is the byte offset in the segment; nothing is read outside
 * the segment. Each field is read once, checked, and only that value is used, so a peer that changes
 * the header or a chunk's fields meanwhile cannot make a checked value differ from the one used. Where PHP would initialise a segment without the magic, this initialises only one whose
 * header is all zero (a new segment), and refuses any other.
 *
 * <h2>Concurrency</h2>
 * Like PHP's functions, these take no lock: processes that write while others read must exclude each
 * other, with a {@link PhpSemaphore} as PHP programs do with {@code sem_acquire}. Within this process
 * the methods of one instance are synchronized. A header, chunk or value that another process changes
 * while this reads it ends in a {@link PhpFormatException} (or in a value of either state), never in a
 * read outside the segment, another exception or a loop without end.
 */
public final class PhpSharedVariables implements AutoCloseable {
    /** The size {@code shm_attach} creates a segment with by default ({@code sysvshm.init_mem}). */
    public static final long DEFAULT_SIZE = 10000;
    /** The access bits {@code shm_attach} gives a segment it creates by default. */
    public static final int DEFAULT_PERMISSIONS = 0666;
    /** The size of the segment's header, which comes before the variables. */
    public static final int HEADER_SIZE = 40;

    private static final byte[] MAGIC = "PHP_SM\0".getBytes(StandardCharsets.US_ASCII);
    private static final long START = 8;
    private static final long END = 16;
    private static final long FREE = 24;
    private static final long TOTAL = 32;
    /** A chunk's key, length and size come before its value. */
    private static final int CHUNK_HEADER = 24;
    /** get() copies values up to this size into a buffer it keeps, larger ones into their own array. */
    private static final int MAX_SCRATCH_LENGTH = 64 * 1024;
    /** The longest value get() can copy into an array. */
    private static final long MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    private final SharedMemory memory;
    private final SharedMemory.Attachment attachment;
    private final MemorySegment segment;
    private final long size;
    private final PhpSerializer serializer;
    /** Where get() copies a value to read it; only synchronized methods use it. */
    private byte[] scratch = new byte[0];

    /** The header's fields, read once and checked. */
    private record Header(long start, long end, long free) {
    }

    /** A chunk's fields, read once and checked against the header it was found with. */
    private record Chunk(long at, long key, long length, long size) {
        long valueAt() {
            return at + CHUNK_HEADER;
        }
    }

    private PhpSharedVariables(SharedMemory memory, SharedMemory.Attachment attachment, PhpSerializer serializer) {
        this.memory = memory;
        this.attachment = attachment;
        this.segment = attachment.segment();
        this.size = segment.byteSize();
        this.serializer = serializer;
    }

    /**
     * Attaches the variables as {@code shm_attach($key)} does: the existing segment with the key,
     * else a new one of {@link #DEFAULT_SIZE} bytes with access {@link #DEFAULT_PERMISSIONS}.
     *
     * @param key the segment's key; {@link IpcKey#PRIVATE} creates a new private segment
     * @return the variables, which the caller must close
     * @throws PhpFormatException                        if the segment is not a PHP variable segment, or corrupt
     * @throws org.sysvipc.IpcPermissionDeniedException if the segment exists and the caller may not read and write it
     * @throws org.sysvipc.IpcLimitReachedException     if a new segment would exceed the kernel's limits
     */
    public static PhpSharedVariables attach(IpcKey key) {
        return attach(key, DEFAULT_SIZE, DEFAULT_PERMISSIONS);
    }

    /**
     * Attaches the variables as {@code shm_attach($key, $size, $permissions)} does: the existing
     * segment with the key, whatever its size, else a new one of {@code size} bytes with these access bits.
     *
     * @param key         the segment's key; {@link IpcKey#PRIVATE} creates a new private segment
     * @param size        the size of a segment this creates, at least {@link #HEADER_SIZE} to create one
     * @param permissions the access bits of a segment this creates, within 0777
     * @return the variables, which the caller must close
     * @throws IllegalArgumentException                  if size is not positive, or below
     *                                                   {@link #HEADER_SIZE} when the segment must be
     *                                                   created, or permissions has bits outside 0777
     * @throws PhpFormatException                        if the segment is not a PHP variable segment, or corrupt
     * @throws org.sysvipc.IpcPermissionDeniedException if the segment exists and the caller may not read and write it
     * @throws org.sysvipc.IpcInvalidArgumentException  if size is above the kernel's shmmax
     * @throws org.sysvipc.IpcLimitReachedException     if a new segment would exceed the kernel's limits
     */
    public static PhpSharedVariables attach(IpcKey key, long size, int permissions) {
        Objects.requireNonNull(key, "key");
        if (size < 1) {
            throw new IllegalArgumentException("a segment's size must be positive, was " + size);
        }
        IpcPermissions.requireMode(permissions);
        if (key.isPrivate()) {
            return attach(SharedMemory.open(key, OpenMode.CREATE_NEW, permissions, requireHeaderRoom(size)));
        }
        while (true) {
            try {
                return attach(SharedMemory.open(key));
            } catch (IpcNotFoundException absent) {
                try {
                    return attach(SharedMemory.open(key, OpenMode.CREATE_NEW, permissions, requireHeaderRoom(size)));
                } catch (IpcAlreadyExistsException createdMeanwhile) {
                    // another process created it between the two calls: attach that one
                }
            }
        }
    }

    private static long requireHeaderRoom(long size) {
        if (size < HEADER_SIZE) {
            throw new IllegalArgumentException("a segment for PHP variables needs at least " + HEADER_SIZE
                    + " bytes, was " + size);
        }
        return size;
    }

    /**
     * Attaches the variables in an existing segment, writing the header if the segment is new (its
     * header all zero).
     *
     * @param memory the segment
     * @return the variables, which the caller must close
     * @throws PhpFormatException                        if the segment is not a PHP variable segment, or corrupt
     * @throws org.sysvipc.IpcPermissionDeniedException if the caller may not read and write it
     * @throws org.sysvipc.IpcRemovedException          if it was removed
     */
    public static PhpSharedVariables attach(SharedMemory memory) {
        SharedMemory.Attachment attachment = memory.attach();
        try {
            PhpSharedVariables variables = new PhpSharedVariables(memory, attachment, PhpSerializer.standard());
            variables.initialiseIfNew();
            variables.header();
            return variables;
        } catch (RuntimeException e) {
            attachment.close();
            throw e;
        }
    }

    private void initialiseIfNew() {
        if (size < HEADER_SIZE) {
            throw new PhpFormatException("a segment of " + size + " bytes cannot hold the " + HEADER_SIZE
                    + "-byte header", size);
        }
        if (hasMagic()) {
            return;
        }
        for (long i = 0; i < HEADER_SIZE; i++) {
            if (segment.get(JAVA_BYTE, i) != 0) {
                throw new PhpFormatException("not a PHP variable segment: it does not start with \"PHP_SM\"", i);
            }
        }
        MemorySegment.copy(MemorySegment.ofArray(MAGIC), 0, segment, 0, MAGIC.length);
        segment.set(JAVA_LONG_UNALIGNED, START, HEADER_SIZE);
        segment.set(JAVA_LONG_UNALIGNED, END, HEADER_SIZE);
        segment.set(JAVA_LONG_UNALIGNED, TOTAL, size);
        segment.set(JAVA_LONG_UNALIGNED, FREE, size - HEADER_SIZE);
    }

    private boolean hasMagic() {
        for (int i = 0; i < MAGIC.length; i++) {
            if (segment.get(JAVA_BYTE, i) != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@return the segment the variables are in; {@link SharedMemory#remove()} is {@code shm_remove}}
     */
    public SharedMemory memory() {
        return memory;
    }

    /**
     * Puts a variable, replacing the one with the same key: {@code shm_put_var($shm, $key, $value)}.
     * Unlike PHP, which removes the old value before it finds that the new one does not fit, this
     * changes nothing when the new value does not fit.
     *
     * @param key   the variable's key, any long
     * @param value what {@link PhpSerializer#serialize(Object)} accepts
     * @throws IllegalArgumentException       if the value cannot be serialized
     * @throws java.util.ConcurrentModificationException if a map in the value changes while it is
     *                                        serialized ({@link PhpSerializer#serialize(Object)})
     * @throws OutOfMemoryError               if the serialized value is too large for a byte array or
     *                                        the heap, as {@link PhpSerializer#serialize(Object)} says
     * @throws PhpSharedMemoryFullException   if the value does not fit the free space
     * @throws PhpFormatException             if the segment is corrupt
     * @throws IllegalStateException          if closed
     */
    public synchronized void put(long key, Object value) {
        serializer.serialize(value, (bytes, length) -> {
            put(key, bytes, length);
            return null;
        });
    }

    /** Puts the serialized value that is the first {@code length} of the bytes. */
    private void put(long key, byte[] bytes, int length) {
        long chunkSize = chunkSize(length);
        Header header = header();
        Chunk existing = find(header, key);
        long available = header.free() + (existing != null ? existing.size() : 0);
        if (chunkSize > available) {
            throw new PhpSharedMemoryFullException(memory.toString(), chunkSize, available);
        }
        // the end and free space after the removal follow from the checked values, not from a new read
        long at = header.end();
        long free = header.free();
        if (existing != null) {
            removeAt(header, existing);
            at -= existing.size();
            free += existing.size();
        }
        // at + chunkSize <= end + free <= the segment's size, as the header's check and the fit say
        segment.set(JAVA_LONG_UNALIGNED, at, key);
        segment.set(JAVA_LONG_UNALIGNED, at + 8, length);
        segment.set(JAVA_LONG_UNALIGNED, at + 16, chunkSize);
        MemorySegment.copy(bytes, 0, segment, JAVA_BYTE, at + CHUNK_HEADER, length);
        // the padding after the value keeps whatever bytes were there, as PHP leaves it
        segment.set(JAVA_LONG_UNALIGNED, END, at + chunkSize);
        segment.set(JAVA_LONG_UNALIGNED, FREE, free - chunkSize);
    }

    /**
     * {@return the size in bytes of the chunk that holds a value serialized to {@code length} bytes,
     * as {@code shm_put_var} computes it: {@code ((length + 31) / 8) * 8 + 8}}
     *
     * @param length the serialized value's length in bytes, not negative
     * @throws IllegalArgumentException if length is negative
     */
    public static long chunkSize(long length) {
        if (length < 0) {
            throw new IllegalArgumentException("a length is not negative, was " + length);
        }
        return ((length + 31) / 8) * 8 + 8;
    }

    /**
     * Gets a variable: {@code shm_get_var($shm, $key)}.
     *
     * @param key the variable's key
     * @return its value, in the Java forms {@link PhpSerializer} describes (null included)
     * @throws NoSuchElementException if no variable has the key
     * @throws PhpFormatException     if the segment is corrupt or the value is not a serialized value
     *                                (PHP's "Variable data in shared memory is corrupted")
     * @throws IllegalStateException  if closed
     */
    public synchronized Object get(long key) {
        Header header = header();
        Chunk chunk = find(header, key);
        if (chunk == null) {
            throw new NoSuchElementException("variable key " + key + " doesn't exist in " + memory);
        }
        if (chunk.length() > MAX_ARRAY_LENGTH) {
            throw corrupt("variable " + key + " has a value of " + chunk.length()
                    + " bytes, more than a Java array holds", chunk.at() + 8);
        }
        int length = (int) chunk.length();
        byte[] bytes;
        // the value is copied first, so that a peer's writes cannot change it while it is decoded
        if (length <= MAX_SCRATCH_LENGTH) {
            if (scratch.length < length) {
                scratch = new byte[length];
            }
            bytes = scratch;
        } else {
            bytes = new byte[length];
        }
        MemorySegment.copy(segment, JAVA_BYTE, chunk.valueAt(), bytes, 0, length);
        try {
            return serializer.unserialize(bytes, 0, length);
        } catch (PhpFormatException e) {
            throw new PhpFormatException("variable " + key + " in " + memory + " is corrupt: " + e.reason()
                    + " (byte " + e.position() + " of the value)", chunk.valueAt() + e.position(), e);
        }
    }

    /**
     * {@return whether a variable has the key: {@code shm_has_var($shm, $key)}}
     *
     * @param key the variable's key
     * @throws PhpFormatException    if the segment is corrupt
     * @throws IllegalStateException if closed
     */
    public synchronized boolean contains(long key) {
        return find(header(), key) != null;
    }

    /**
     * Removes a variable, moving the ones after it down: {@code shm_remove_var($shm, $key)}.
     *
     * @param key the variable's key
     * @return true if removed, false if no variable had the key (PHP warns "doesn't exist")
     * @throws PhpFormatException    if the segment is corrupt
     * @throws IllegalStateException if closed
     */
    public synchronized boolean remove(long key) {
        Header header = header();
        Chunk chunk = find(header, key);
        if (chunk == null) {
            return false;
        }
        removeAt(header, chunk);
        return true;
    }

    /**
     * {@return the variables' keys, in the order of their chunks (oldest put first)}
     *
     * @throws PhpFormatException    if the segment is corrupt
     * @throws IllegalStateException if closed
     */
    public synchronized List<Long> keys() {
        Header header = header();
        List<Long> keys = new ArrayList<>();
        for (long at = header.start(); at < header.end(); ) {
            Chunk chunk = checkedChunk(header, at);
            keys.add(chunk.key());
            at += chunk.size();
        }
        return keys;
    }

    /**
     * {@return the free bytes, as the header's {@code free} field says}
     *
     * @throws PhpFormatException    if the segment is corrupt
     * @throws IllegalStateException if closed
     */
    public synchronized long freeBytes() {
        return header().free();
    }

    /**
     * Detaches the segment: {@code shm_detach($shm)}. The variables stay in it. Does nothing if
     * closed already.
     */
    @Override
    public synchronized void close() {
        attachment.close();
    }

    /** Moves the chunks after {@code chunk} down over it; its size is within start..end, as checked. */
    private void removeAt(Header header, Chunk chunk) {
        long tail = header.end() - chunk.at() - chunk.size();
        if (tail > 0) {
            MemorySegment.copy(segment, chunk.at() + chunk.size(), segment, chunk.at(), tail);
        }
        segment.set(JAVA_LONG_UNALIGNED, END, header.end() - chunk.size());
        segment.set(JAVA_LONG_UNALIGNED, FREE, header.free() + chunk.size());
    }

    /** The chunk with the key, or null; every chunk passed is checked. */
    private Chunk find(Header header, long key) {
        for (long at = header.start(); at < header.end(); ) {
            Chunk chunk = checkedChunk(header, at);
            if (chunk.key() == key) {
                return chunk;
            }
            at += chunk.size();
        }
        return null;
    }

    /**
     * Reads the chunk at {@code at}, each field once, and checks that it lies within start..end and
     * its value within it. Its size is at least the chunk header, so walking chunks always ends.
     */
    private Chunk checkedChunk(Header header, long at) {
        if (header.end() - at < CHUNK_HEADER) {
            throw corrupt("the chunk at " + at + " overruns the end of the variables, " + header.end(), at);
        }
        long key = segment.get(JAVA_LONG_UNALIGNED, at);
        long length = segment.get(JAVA_LONG_UNALIGNED, at + 8);
        long size = segment.get(JAVA_LONG_UNALIGNED, at + 16);
        if (size < CHUNK_HEADER || size > header.end() - at) {
            throw corrupt("the chunk at " + at + " has a size of " + size + ", outside " + CHUNK_HEADER + " to "
                    + (header.end() - at), at + 16);
        }
        if (length < 0 || length > size - CHUNK_HEADER) {
            throw corrupt("the chunk at " + at + " has a value length of " + length + ", outside 0 to "
                    + (size - CHUNK_HEADER), at + 8);
        }
        return new Chunk(at, key, length, size);
    }

    /** Reads and checks the header. */
    private Header header() {
        if (!attachment.isAttached()) {
            throw new IllegalStateException("the PHP variables in " + memory + " were detached");
        }
        if (!hasMagic()) {
            throw corrupt("the segment no longer starts with \"PHP_SM\"", 0);
        }
        long start = segment.get(JAVA_LONG_UNALIGNED, START);
        long end = segment.get(JAVA_LONG_UNALIGNED, END);
        long free = segment.get(JAVA_LONG_UNALIGNED, FREE);
        if (start < HEADER_SIZE || start > size) {
            throw corrupt("the header's start, " + start + ", is outside " + HEADER_SIZE + " to " + size, START);
        }
        if (end < start || end > size) {
            throw corrupt("the header's end, " + end + ", is outside " + start + " to " + size, END);
        }
        if (free < 0 || free > size - end) {
            throw corrupt("the header's free bytes, " + free + ", are outside 0 to " + (size - end), FREE);
        }
        return new Header(start, end, free);
    }

    private PhpFormatException corrupt(String reason, long at) {
        return new PhpFormatException("corrupt PHP variable segment " + memory + ": " + reason, at);
    }

    /**
     * {@return the segment and whether it is attached}
     */
    @Override
    public String toString() {
        return "PHP variables in " + memory + (attachment.isAttached() ? "" : " (detached)");
    }
}
