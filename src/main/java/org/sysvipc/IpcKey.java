package org.sysvipc;

import java.lang.foreign.Arena;
import java.nio.file.Path;
import org.sysvipc.generated.SysvIpc;
import org.sysvipc.internal.Errors;
import org.sysvipc.internal.PathCalls;
import org.sysvipc.internal.Platform;

/**
 * The key that names a System V IPC object in an IPC namespace: from {@link #ftok(Path, int)} as C
 * and PHP programs make it, from a number agreed on elsewhere, or {@link #PRIVATE} for an object
 * only its creator (and those it hands the id to) can find.
 *
 * @param value the key as the kernel sees it ({@code key_t})
 */
public record IpcKey(int value) {
    /** {@code IPC_PRIVATE}: every create with it makes a new object that no key lookup finds. */
    public static final IpcKey PRIVATE = new IpcKey(SysvIpc.IPC_PRIVATE());

    /**
     * {@return the key with this value; 0 is {@link #PRIVATE}}
     *
     * @param value the key's value
     */
    public static IpcKey of(int value) {
        return value == PRIVATE.value ? PRIVATE : new IpcKey(value);
    }

    /**
     * Makes the key glibc's {@code ftok(3)} makes for the file and project id, and so PHP's
     * {@code ftok($path, $char)} with {@code projectId == ord($char)}. The key derives from the
     * file's inode and device, so it changes if the file is replaced.
     *
     * @param path      an existing file or directory
     * @param projectId 1 to 255 (only the low eight bits count in C; others are refused here)
     * @return the key
     * @throws IllegalArgumentException if the path is empty or projectId is out of range
     * @throws IpcNotFoundException     if the path does not exist
     * @throws IpcException             for any other failure of ftok, such as EACCES on a directory in the path
     */
    public static IpcKey ftok(Path path, int projectId) {
        String name = path.toString();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("ftok needs a path, not an empty one");
        }
        if (projectId < 1 || projectId > 255) {
            throw new IllegalArgumentException("ftok's project id must be 1 to 255, was " + projectId);
        }
        Platform.requireSupported();
        try (Arena arena = Arena.ofConfined()) {
            int key = PathCalls.ftok(arena.allocateFrom(name), projectId);
            if (key == -1) {
                throw Errors.lastCall("ftok", "path " + name);
            }
            return of(key);
        }
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
