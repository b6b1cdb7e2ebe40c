package org.sysvipc;

import static org.sysvipc.generated.SysvIpc.EEXIST;
import static org.sysvipc.generated.SysvIpc.ENOENT;
import static org.sysvipc.generated.SysvIpc.ENOTDIR;
import static org.sysvipc.generated.SysvIpc.S_IFIFO;
import static org.sysvipc.generated.SysvIpc.S_IFMT;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.sysvipc.generated.SysvIpc;
import org.sysvipc.generated.stat;
import org.sysvipc.internal.Errors;
import org.sysvipc.internal.PathCalls;
import org.sysvipc.internal.Platform;

/**
 * A named pipe (FIFO): a path in the file system through which unrelated processes, Java or not,
 * stream bytes to one another. {@link #create(Path, int)} makes one as {@code mkfifo(3)} does;
 * {@link #open(Path)} takes one that exists. Either end is then opened as a standard Java
 * {@link FileChannel} or stream.
 *
 * <p>Opening blocks, as {@code open(2)} does on a FIFO: {@link #openReader()} waits until some
 * process has the FIFO open for writing, and {@link #openWriter()} waits until some process has it
 * open for reading. The wait is in the kernel and cannot be interrupted from Java; open the other
 * end (or have the peer do so) to end it. Once the last writer closes, a reader sees end of
 * stream.
 *
 * <p>Writes of at most {@link #PIPE_BUF} bytes are atomic: when several processes or threads write
 * to one FIFO, each such write arrives whole, never interleaved with another's bytes. Larger writes
 * may be split and interleaved. Reads have no such boundaries: a reader sees one stream of bytes.
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
    public static final int PIPE_BUF = SysvIpc.PIPE_BUF();

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
     * @param path        where to create the FIFO; its directory must exist
     * @param permissions the nine access bits, such as {@code 0600} or {@code 0660}
     * @return the new FIFO
     * @throws IllegalArgumentException      if the path is empty or permissions has bits outside {@code 0777}
     * @throws IpcAlreadyExistsException     if something, FIFO or not, already exists at the path
     * @throws IpcNotFoundException          if the directory does not exist
     * @throws IpcPermissionDeniedException  if the directory may not be written or searched
     * @throws IpcException                  for any other failure of {@code mkfifo}
     * @throws UncheckedIOException          if the permissions cannot be set; the FIFO is then removed
     */
    public static Fifo create(Path path, int permissions) {
        String name = requirePath(path);
        IpcPermissions.requireMode(permissions);
        Platform.requireSupported();
        if (mkfifo(name, permissions) != 0) {
            throw Errors.lastCall("mkfifo", subject(name));
        }
        Fifo fifo = new Fifo(path);
        fifo.setPermissions(permissions);
        return fifo;
    }

    /**
     * Creates a FIFO at {@code path} as {@link #create(Path, int)} does, or takes the FIFO that is
     * already there, whose permissions are then left as they are.
     *
     * @param path        where the FIFO is or is to be created; its directory must exist
     * @param permissions the nine access bits for a new FIFO, such as {@code 0600}
     * @return the FIFO
     * @throws IllegalArgumentException      if the path is empty or permissions has bits outside {@code 0777}
     * @throws IpcAlreadyExistsException     if the path exists and is not a FIFO (its detail says so)
     * @throws IpcNotFoundException          if the directory does not exist
     * @throws IpcPermissionDeniedException  if the directory may not be written or searched
     * @throws IpcException                  for any other failure of {@code mkfifo} or {@code stat}
     * @throws UncheckedIOException          if a new FIFO's permissions cannot be set; it is then removed
     */
    public static Fifo createIfAbsent(Path path, int permissions) {
        String name = requirePath(path);
        IpcPermissions.requireMode(permissions);
        Platform.requireSupported();
        // Something may be removed or created between mkfifo and stat; a few rounds settle it.
        for (int attempt = 0; attempt < 3; attempt++) {
            if (mkfifo(name, permissions) == 0) {
                Fifo fifo = new Fifo(path);
                fifo.setPermissions(permissions);
                return fifo;
            }
            int errno = Errors.lastErrno();
            if (errno != EEXIST()) {
                throw Errors.of("mkfifo", subject(name), errno, null);
            }
            Kind kind = kindOf(name);
            if (kind == Kind.FIFO) {
                return new Fifo(path);
            }
            if (kind == Kind.OTHER) {
                throw notAFifo(name);
            }
            // MISSING: removed since mkfifo, or a dangling symbolic link; try again
        }
        throw notAFifo(name);
    }

    /**
     * Takes the FIFO that exists at {@code path} (following symbolic links).
     *
     * @param path the FIFO's path
     * @return the FIFO
     * @throws IllegalArgumentException      if the path is empty
     * @throws IpcNotFoundException          if nothing exists at the path
     * @throws IpcInvalidArgumentException   if the path exists and is not a FIFO (EINVAL; its detail says so)
     * @throws IpcPermissionDeniedException  if a directory on the path may not be searched
     * @throws IpcException                  for any other failure of {@code stat}
     */
    public static Fifo open(Path path) {
        String name = requirePath(path);
        Platform.requireSupported();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(stat.layout());
            if (PathCalls.stat(arena.allocateFrom(name), buffer) != 0) {
                throw Errors.lastCall("stat", subject(name));
            }
            if (!isFifoMode(stat.st_mode(buffer))) {
                throw Errors.of("stat", subject(name), SysvIpc.EINVAL(), "exists and is not a FIFO");
            }
        }
        return new Fifo(path);
    }

    /**
     * Tells whether {@code path} names a FIFO (following symbolic links). Use {@link #open(Path)} to
     * learn why it does not.
     *
     * @param path the path to look at
     * @return true if a FIFO exists at the path; false if nothing does or something else does
     * @throws IllegalArgumentException      if the path is empty
     * @throws IpcPermissionDeniedException  if a directory on the path may not be searched
     * @throws IpcException                  for any other failure of {@code stat}
     */
    public static boolean isFifo(Path path) {
        String name = requirePath(path);
        Platform.requireSupported();
        return kindOf(name) == Kind.FIFO;
    }

    /**
     * {@return the FIFO's path, as given when it was created or opened}
     */
    public Path path() {
        return path;
    }

    /**
     * Opens the read end. Blocks until some process has the FIFO open for writing.
     *
     * @return a channel that reads what writers write; end of stream once every writer has closed
     * @throws IOException if the FIFO cannot be opened, such as
     *                     {@link java.nio.file.NoSuchFileException} once it was removed or
     *                     {@link java.nio.file.AccessDeniedException} without read permission
     */
    public FileChannel openReader() throws IOException {
        return FileChannel.open(path, StandardOpenOption.READ);
    }

    /**
     * Opens the write end. Blocks until some process has the FIFO open for reading. Each write of at
     * most {@link #PIPE_BUF} bytes is atomic.
     *
     * @return a channel whose writes readers read
     * @throws IOException if the FIFO cannot be opened, such as
     *                     {@link java.nio.file.NoSuchFileException} once it was removed or
     *                     {@link java.nio.file.AccessDeniedException} without write permission
     */
    public FileChannel openWriter() throws IOException {
        // WRITE only: CREATE would make a regular file if the FIFO had been removed
        return FileChannel.open(path, StandardOpenOption.WRITE);
    }

    /**
     * Opens the read end as a stream. Blocks until some process has the FIFO open for writing.
     *
     * @return a stream of what writers write
     * @throws IOException if the FIFO cannot be opened, as for {@link #openReader()}
     */
    public InputStream newInputStream() throws IOException {
        return Files.newInputStream(path, StandardOpenOption.READ);
    }

    /**
     * Opens the write end as a stream. Blocks until some process has the FIFO open for reading.
     * Wrap it in a {@link java.io.BufferedOutputStream} of at most {@link #PIPE_BUF} bytes to keep
     * writes atomic.
     *
     * @return a stream whose bytes readers read
     * @throws IOException if the FIFO cannot be opened, as for {@link #openWriter()}
     */
    public OutputStream newOutputStream() throws IOException {
        return Files.newOutputStream(path, StandardOpenOption.WRITE);
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

    private enum Kind { FIFO, OTHER, MISSING }

    private static String requirePath(Path path) {
        String name = Objects.requireNonNull(path, "path").toString();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a FIFO needs a path, not an empty one");
        }
        return name;
    }

    private static String subject(String name) {
        return "path " + name;
    }

    private static int mkfifo(String name, int permissions) {
        try (Arena arena = Arena.ofConfined()) {
            return PathCalls.mkfifo(arena.allocateFrom(name), permissions);
        }
    }

    private static Kind kindOf(String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(stat.layout());
            if (PathCalls.stat(arena.allocateFrom(name), buffer) == 0) {
                return isFifoMode(stat.st_mode(buffer)) ? Kind.FIFO : Kind.OTHER;
            }
            int errno = Errors.lastErrno();
            if (errno == ENOENT() || errno == ENOTDIR()) {
                return Kind.MISSING;
            }
            throw Errors.of("stat", subject(name), errno, null);
        }
    }

    private static boolean isFifoMode(int mode) {
        return (mode & S_IFMT()) == S_IFIFO();
    }

    private static IpcAlreadyExistsException notAFifo(String name) {
        return new IpcAlreadyExistsException("mkfifo", subject(name), EEXIST(), "exists and is not a FIFO");
    }

    private void setPermissions(int permissions) {
        try {
            Files.setPosixFilePermissions(path, permissionSet(permissions));
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot set the permissions of the new FIFO " + path, io);
            }
            throw (RuntimeException) e;
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
