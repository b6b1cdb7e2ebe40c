package org.sysvipc;

import org.sysvipc.internal.ErrnoNumbers;
import org.sysvipc.internal.Syscalls;

/**
 * The errno values the System V IPC calls answer with, as {@link IpcException#errno()} reports
 * them: each with its C name, its number on this platform and the C library's description.
 * An errno outside this list (a seccomp filter or a security module may answer with any) is
 * {@link #OTHER}, and {@link IpcException#errnoNumber()} still gives its number.
 *
 * {@snippet :
 * try {
 *     queue.send(1, bytes);
 * } catch (IpcException e) {
 *     if (e.errno() == Errno.EIDRM) {
 *         // the queue was removed meanwhile
 *     }
 * }
 * }
 */
public enum Errno {
    /** Not permitted: the caller is neither owner, creator nor privileged, as changing or removing an object needs. */
    EPERM(ErrnoNumbers.EPERM),
    /** No object has the key, or no file the path. */
    ENOENT(ErrnoNumbers.ENOENT),
    /** A signal interrupted the call; the module retries such calls itself. */
    EINTR(ErrnoNumbers.EINTR),
    /** A message is longer than the buffer, or a call has more semaphore operations than {@code semopm}. */
    E2BIG(ErrnoNumbers.E2BIG),
    /** The call would have to wait, and was told not to. */
    EAGAIN(ErrnoNumbers.EAGAIN),
    /** The kernel has not the memory, or a segment would exceed the caller's lock limit. */
    ENOMEM(ErrnoNumbers.ENOMEM),
    /** The object's access bits deny the caller what it asked for. */
    EACCES(ErrnoNumbers.EACCES),
    /** An address given to the kernel is outside the process's memory. */
    EFAULT(ErrnoNumbers.EFAULT),
    /** An object with the key exists, and the call asked to create a new one. */
    EEXIST(ErrnoNumbers.EEXIST),
    /** A component of a path is not a directory. */
    ENOTDIR(ErrnoNumbers.ENOTDIR),
    /** An argument the kernel refuses: an id that names nothing, a size or count beyond a limit, a bad command. */
    EINVAL(ErrnoNumbers.EINVAL),
    /** The system's table of open files is full. */
    ENFILE(ErrnoNumbers.ENFILE),
    /** The process has as many files open as it may. */
    EMFILE(ErrnoNumbers.EMFILE),
    /** A semaphore index is not in the set. */
    EFBIG(ErrnoNumbers.EFBIG),
    /** A limit of the IPC namespace on objects or memory ({@code msgmni}, {@code semmni}, {@code shmall}...) is reached. */
    ENOSPC(ErrnoNumbers.ENOSPC),
    /** The file system is read-only. */
    EROFS(ErrnoNumbers.EROFS),
    /** A semaphore's value, or a process's undo record, would leave its range. */
    ERANGE(ErrnoNumbers.ERANGE),
    /** A path or one of its names is too long. */
    ENAMETOOLONG(ErrnoNumbers.ENAMETOOLONG),
    /** The kernel lacks the call or the feature, such as {@code MSG_COPY} without {@code CONFIG_CHECKPOINT_RESTORE}. */
    ENOSYS(ErrnoNumbers.ENOSYS),
    /** A path has too many symbolic links. */
    ELOOP(ErrnoNumbers.ELOOP),
    /** No message of the type asked for is in the queue, and the call was told not to wait. */
    ENOMSG(ErrnoNumbers.ENOMSG),
    /** The object was removed, before the call or while it waited. */
    EIDRM(ErrnoNumbers.EIDRM),
    /** Any errno not named above; its {@link #number()} is -1, and the exception's {@link IpcException#errnoNumber()} tells which. */
    OTHER(-1);

    private final int number;

    Errno(int number) {
        this.number = number;
    }

    /**
     * {@return the errno with this number, or {@link #OTHER} if none above has it}
     *
     * @param number an errno value, as C's {@code errno} holds it
     */
    public static Errno of(int number) {
        for (Errno errno : values()) {
            if (errno.number == number) {
                return errno;
            }
        }
        return OTHER;
    }

    /**
     * {@return the errno's number on this platform, such as 2 for {@link #ENOENT}; -1 for {@link #OTHER}}
     */
    public int number() {
        return number;
    }

    /**
     * {@return the C library's description, as {@code strerror} gives it, such as "No such file or
     * directory"; for {@link #OTHER}, "an errno this enum does not name"}
     */
    public String description() {
        return this == OTHER ? "an errno this enum does not name" : Syscalls.strerror(number);
    }

    /** The name of errno {@code number}, such as "ENOENT", or "errno 75" for one not named here. */
    static String nameOf(int number) {
        Errno errno = of(number);
        return errno == OTHER ? "errno " + number : errno.name();
    }
}
