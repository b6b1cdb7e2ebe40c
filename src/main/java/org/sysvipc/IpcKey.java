package org.sysvipc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.sysvipc.internal.Constants;

/**
 * The key that names a System V IPC object in an IPC namespace: from {@link #ftok(Path, int)} as C
 * and PHP programs make it, from a number agreed on elsewhere, or {@link #PRIVATE} for an object
 * only its creator (and those it hands the id to) can find.
 *
 * @param value the key as the kernel sees it ({@code key_t})
 */
public record IpcKey(int value) {
    /** {@code IPC_PRIVATE}: every create with it makes a new object that no key lookup finds. */
    public static final IpcKey PRIVATE = new IpcKey(Constants.IPC_PRIVATE);

    /**
     * {@return the key with this value; 0 is {@link #PRIVATE}}
     *
     * @param value the key's value
     */
    public static IpcKey of(int value) {
        return value == PRIVATE.value ? PRIVATE : new IpcKey(value);
    }

    /**
     * Makes the key C's {@code ftok(3)} makes for the file and project id, and so PHP's
     * {@code ftok($path, $char)} with {@code projectId == ord($char)}: the project id's low eight
     * bits, the low eight bits of the file's device number and the low sixteen bits of its inode
     * number, as glibc and musl compose them. The inode and device are read as C's {@code stat}
     * reads them (following symbolic links), through the file system's {@code unix} attribute
     * view, which takes the path's own bytes: so any name the path can hold works, whatever its
     * encoding and the locale. The key changes if the file is replaced.
     *
     * @param path      an existing file or directory, on the default file system
     * @param projectId 1 to 255 (only the low eight bits count in C; others are refused here)
     * @return the key
     * @throws IllegalArgumentException      if the path is empty or projectId is out of range
     * @throws UncheckedIOException          if the file's attributes cannot be read; its cause is
     *                                       {@link java.nio.file.NoSuchFileException} if the path does
     *                                       not exist, {@link java.nio.file.AccessDeniedException} if a
     *                                       directory on it may not be searched
     * @throws UnsupportedOperationException if the path's file system has no {@code unix} view
     */
    public static IpcKey ftok(Path path, int projectId) {
        if (path.toString().isEmpty()) {
            throw new IllegalArgumentException("ftok needs a path, not an empty one");
        }
        if (projectId < 1 || projectId > 255) {
            throw new IllegalArgumentException("ftok's project id must be 1 to 255, was " + projectId);
        }
        Map<String, Object> attributes;
        try {
            attributes = Files.readAttributes(path, "unix:ino,dev");
        } catch (IOException e) {
            throw new UncheckedIOException("ftok cannot read the inode of " + path, e);
        }
        long inode = (Long) attributes.get("ino");
        long device = (Long) attributes.get("dev");
        return of((int) ((inode & 0xffff) | ((device & 0xff) << 16) | ((long) (projectId & 0xff) << 24)));
    }

    /**
     * {@return whether this is {@link #PRIVATE}}
     */
    public boolean isPrivate() {
        return value == PRIVATE.value;
    }

    /**
     * {@return the key as {@code ipcs} shows it, such as {@code key 0x0000beef}, or {@code IPC_PRIVATE}}
     */
    @Override
    public String toString() {
        return isPrivate() ? "IPC_PRIVATE" : String.format("key 0x%08x", value);
    }
}
