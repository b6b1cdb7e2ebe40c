package org.sysvipc;

import static org.sysvipc.internal.ErrnoNumbers.EACCES;
import static org.sysvipc.internal.ErrnoNumbers.EEXIST;
import static org.sysvipc.internal.ErrnoNumbers.ENOENT;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;
import org.sysvipc.internal.Constants;
import org.sysvipc.internal.Platform;
import org.sysvipc.internal.Syscalls;

/**
 * A named pipe (FIFO): a path in the file system through which unrelated processes, Java or not,
 * stream bytes to one another. {@link #create(Path, int)} makes one as {@code mkfifo(3)} does;
 * {@link #open(Path)} takes one that exists. Either end is then opened as a standard Java
 * {@link FileChannel} or stream.
 *
 * <p>Opening waits, as {@code open(2)} does on a FIFO: {@link #openReader()} until some process has
 * the FIFO open for writing, and {@link #openWriter()} until some process has it open for reading.
 * Once the last writer closes, a reader sees end of stream. Opening, reading and writing are
 * interruptible and cooperate with virtual threads: an interrupt ends a wait to open with
 * {@link java.io.InterruptedIOException}, and a wait to read or write with
 * {@link java.nio.channels.ClosedByInterruptException}, closing the channel, as the JDK's own file
 * channels do; on a virtual thread a wait lets the carrier thread go. The channels are the module's
 * own {@link FileChannel}s over {@code read(2)} and {@code write(2)}; a FIFO has no position, so
 * their positional methods throw {@link IOException}.
 *
 * <p>Writes of at most {@link #PIPE_BUF} bytes are atomic: when several processes or threads write
 * to one FIFO, each such write arrives whole, never interleaved with another's bytes. Larger writes
 * may be split and interleaved. Reads have no such boundaries: a reader sees one stream of bytes.
 *
 * <p>Every method reports failures as {@link java.nio.file} does, with an {@link IOException}:
 * {@link FileAlreadyExistsException}, {@link NoSuchFileException}, {@link AccessDeniedException},
 * {@link NotFifoException} for a path that exists and is not a FIFO, and a
 * {@link FileSystemException} naming errno for any other failure of {@code mkfifo}. A path goes to
 * {@code mkfifo} as the same bytes the JDK's own file operations use for it, whatever its encoding
 * and the locale.
 *
 * <p>A {@code Fifo} is only a path known to be a FIFO when it was made or opened; it holds no native
 * resource and is immutable, so it is safe to share between threads. The channels and streams it
 * opens are the caller's to close.
 */
public final class Fifo {
    /**
     * The largest write that is atomic on a FIFO ({@code PIPE_BUF}, 4096 bytes on Linux). A write of
     * at most this many bytes never interleaves with other writers' bytes.
     */
    public static final int PIPE_BUF = Constants.PIPE_BUF;

    private final Path path;

    private Fifo(Path path) {
        this.path = path;
    }

    /**
     * Creates a FIFO at {@code path} with exactly {@code permissions}. Unlike {@code mkfifo(3)} alone,
     * the process umask does not narrow them: the FIFO is made with {@code mkfifo} (so, for a moment,
     * with the umask applied, which only ever removes bits) and then given {@code permissions} with
     * {@link Files#setPosixFilePermissions}. This matches System V IPC objects, whose modes the
     * umask does not touch either.
     *
     * @param path        where to create the FIFO, on the default file system; its directory must exist
     * @param permissions the nine access bits, such as {@code 0600} or {@code 0660}
     * @return the new FIFO
     * @throws IllegalArgumentException   if the path is empty or permissions has bits outside {@code 0777}
     * @throws FileAlreadyExistsException if something, FIFO or not, already exists at the path
     * @throws NoSuchFileException        if the directory does not exist
     * @throws AccessDeniedException      if the directory may not be written or searched
     * @throws IOException                for any other failure of {@code mkfifo}, or if the permissions
     *                                    cannot be set; the FIFO is then removed
     */
    public static Fifo create(Path path, int permissions) throws IOException {
        byte[] name = nativePath(path);
        IpcPermissions.requireMode(permissions);
        Platform.requireSupported();
        int result = mkfifo(name, permissions);
        if (result < 0) {
            throw failure(path, "mkfifo", -result);
        }
        return withPermissions(path, permissions);
    }

    /**
     * Creates a FIFO at {@code path} as {@link #create(Path, int)} does, or takes the FIFO that is
     * already there, whose permissions are then left as they are.
     *
     * @param path        where the FIFO is or is to be created; its directory must exist
     * @param permissions the nine access bits for a new FIFO, such as {@code 0600}
     * @return the FIFO
     * @throws IllegalArgumentException if the path is empty or permissions has bits outside {@code 0777}
     * @throws NotFifoException         if the path exists and is not a FIFO
     * @throws NoSuchFileException      if the directory does not exist
     * @throws AccessDeniedException    if the directory may not be written or searched
     * @throws IOException              for any other failure, as for {@link #create(Path, int)}
     */
    public static Fifo createIfAbsent(Path path, int permissions) throws IOException {
        byte[] name = nativePath(path);
        IpcPermissions.requireMode(permissions);
        Platform.requireSupported();
        // Something may be removed or created between mkfifo and the check; a few rounds settle it.
        for (int attempt = 0; attempt < 3; attempt++) {
            int result = mkfifo(name, permissions);
            if (result == 0) {
                return withPermissions(path, permissions);
            }
            if (result != -EEXIST) {
                throw failure(path, "mkfifo", -result);
            }
            try {
                return open(path);
            } catch (NoSuchFileException removedMeanwhile) {
                // removed since mkfifo, or a dangling symbolic link: try again
            }
        }
        throw new NotFifoException(path.toString());
    }

    /**
     * Takes the FIFO that exists at {@code path} (following symbolic links).
     *
     * @param path the FIFO's path
     * @return the FIFO
     * @throws IllegalArgumentException if the path is empty
     * @throws NoSuchFileException      if nothing exists at the path
     * @throws NotFifoException         if the path exists and is not a FIFO
     * @throws AccessDeniedException    if a directory on the path may not be searched
     * @throws IOException              if the file's attributes cannot be read otherwise
     */
    public static Fifo open(Path path) throws IOException {
        requirePath(path);
        if (!isFifoMode(path)) {
            throw new NotFifoException(path.toString());
        }
        return new Fifo(path);
    }

    /**
     * Tells whether {@code path} names a FIFO (following symbolic links). Use {@link #open(Path)} to
     * learn why it does not.
     *
     * @param path the path to look at
     * @return true if a FIFO exists at the path; false if nothing does or something else does
     * @throws IllegalArgumentException if the path is empty
     * @throws AccessDeniedException    if a directory on the path may not be searched
     * @throws IOException              if the file's attributes cannot be read otherwise
     */
    public static boolean isFifo(Path path) throws IOException {
        requirePath(path);
        try {
            return isFifoMode(path);
        } catch (NoSuchFileException absent) {
            return false;
        }
    }

    /**
     * {@return the FIFO's path, as given when it was created or opened}
     */
    public Path path() {
        return path;
    }

    /**
     * Opens the read end. Waits until some process has the FIFO open for writing.
     *
     * @return a channel that reads what writers write; end of stream once every writer has closed
     * @throws java.io.InterruptedIOException if the thread is interrupted before or while it waits;
     *                     nothing is opened, and the interrupt status stays set
     * @throws IOException if the FIFO cannot be opened, such as
     *                     {@link java.nio.file.NoSuchFileException} once it was removed or
     *                     {@link java.nio.file.AccessDeniedException} without read permission
     */
    public FileChannel openReader() throws IOException {
        return FifoChannel.open(path, nativePath(path), true);
    }

    /**
     * Opens the write end. Waits until some process has the FIFO open for reading. Each write of at
     * most {@link #PIPE_BUF} bytes is atomic.
     *
     * @return a channel whose writes readers read
     * @throws java.io.InterruptedIOException if the thread is interrupted before or while it waits;
     *                     nothing is opened, and the interrupt status stays set
     * @throws IOException if the FIFO cannot be opened, such as
     *                     {@link java.nio.file.NoSuchFileException} once it was removed or
     *                     {@link java.nio.file.AccessDeniedException} without write permission
     */
    public FileChannel openWriter() throws IOException {
        return FifoChannel.open(path, nativePath(path), false); // never creates: a removed FIFO is not found
    }

    /**
     * Opens the read end as a stream. Waits until some process has the FIFO open for writing.
     *
     * @return a stream of what writers write
     * @throws IOException if the FIFO cannot be opened, as for {@link #openReader()}
     */
    public InputStream newInputStream() throws IOException {
        return Channels.newInputStream(FifoChannel.open(path, nativePath(path), true).asStreamChannel());
    }

    /**
     * Opens the write end as a stream. Waits until some process has the FIFO open for reading.
     * Wrap it in a {@link java.io.BufferedOutputStream} of at most {@link #PIPE_BUF} bytes to keep
     * writes atomic.
     *
     * @return a stream whose bytes readers read
     * @throws IOException if the FIFO cannot be opened, as for {@link #openWriter()}
     */
    public OutputStream newOutputStream() throws IOException {
        return Channels.newOutputStream(FifoChannel.open(path, nativePath(path), false).asStreamChannel());
    }

    /**
     * Removes the FIFO's path. Processes that have the FIFO open keep using it; new ones can no
     * longer find it.
     *
     * @return true if the path was removed; false if it was already gone
     * @throws IOException if the path cannot be removed, such as
     *                     {@link java.nio.file.AccessDeniedException} without write permission on its directory
     */
    public boolean remove() throws IOException {
        return Files.deleteIfExists(path);
    }

    /**
     * {@return whether {@code other} is a {@code Fifo} with an equal path}
     *
     * @param other the object to compare with
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof Fifo fifo && fifo.path.equals(path);
    }

    /**
     * {@return a hash of the path}
     */
    @Override
    public int hashCode() {
        return path.hashCode();
    }

    /**
     * {@return {@code FIFO} and the path, such as {@code FIFO /run/app/commands}}
     */
    @Override
    public String toString() {
        return "FIFO " + path;
    }

    private static void requirePath(Path path) {
        if (Objects.requireNonNull(path, "path").toString().isEmpty()) {
            throw new IllegalArgumentException("a FIFO needs a path, not an empty one");
        }
    }

    /** Whether the file at {@code path} is a FIFO, by its {@code st_mode}. */
    private static boolean isFifoMode(Path path) throws IOException {
        int mode = (Integer) Files.getAttribute(path, "unix:mode");
        return (mode & Constants.S_IFMT) == Constants.S_IFIFO;
    }

    /**
     * The bytes the JDK gives the kernel for {@code path}, NUL not included: a path made from a
     * string is encoded as {@code sun.jnu.encoding} says, and one read from a directory keeps the
     * name's bytes as they were. {@link Path#toUri()} percent-encodes exactly those bytes.
     */
    static byte[] nativePath(Path path) {
        requirePath(path);
        if (path.getFileSystem() != FileSystems.getDefault()) {
            throw new IllegalArgumentException("a FIFO's path must be on the default file system: " + path);
        }
        String raw = path.toAbsolutePath().toUri().getRawPath();
        if (raw.length() > 1 && raw.endsWith("/")) {
            raw = raw.substring(0, raw.length() - 1); // toUri marks an existing directory with a slash
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                bytes.write(HexFormat.fromHexDigits(raw, i + 1, i + 3));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toByteArray();
    }

    private static int mkfifo(byte[] name, int permissions) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment path = arena.allocate(name.length + 1L);
            MemorySegment.copy(name, 0, path, ValueLayout.JAVA_BYTE, 0, name.length);
            return Syscalls.mkfifo(path, permissions);
        }
    }

    /** The exception the JDK's own file operations throw for {@code errno} from {@code call}. */
    static IOException failure(Path path, String call, int errno) {
        String file = path.toString();
        if (errno == EEXIST) {
            return new FileAlreadyExistsException(file);
        } else if (errno == ENOENT) {
            return new NoSuchFileException(file);
        } else if (errno == EACCES) {
            return new AccessDeniedException(file);
        }
        return new FileSystemException(file, null, call + " failed: " + Errno.nameOf(errno) + " ("
                + Syscalls.strerror(errno) + ")");
    }

    private static Fifo withPermissions(Path path, int permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, permissionSet(permissions));
            return new Fifo(path);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static Set<PosixFilePermission> permissionSet(int permissions) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        // PosixFilePermission's order is owner rwx, group rwx, others rwx: bit 8 down to bit 0
        for (PosixFilePermission permission : PosixFilePermission.values()) {
            if ((permissions & (0400 >> permission.ordinal())) != 0) {
                set.add(permission);
            }
        }
        return set;
    }
}
