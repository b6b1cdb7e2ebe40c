package org.sysvipc.internal;

import static org.sysvipc.generated.SysvIpc.*;

import java.util.Map;
import org.sysvipc.generated.SysvIpc;

/** Names and texts of errno values, for exception messages. */
public final class Errno {
    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(EPERM(), "EPERM"), Map.entry(ENOENT(), "ENOENT"), Map.entry(EINTR(), "EINTR"),
            Map.entry(E2BIG(), "E2BIG"), Map.entry(EAGAIN(), "EAGAIN"), Map.entry(ENOMEM(), "ENOMEM"),
            Map.entry(EACCES(), "EACCES"), Map.entry(EFAULT(), "EFAULT"), Map.entry(EEXIST(), "EEXIST"),
            Map.entry(ENOTDIR(), "ENOTDIR"), Map.entry(EINVAL(), "EINVAL"), Map.entry(ENFILE(), "ENFILE"),
            Map.entry(EMFILE(), "EMFILE"), Map.entry(EFBIG(), "EFBIG"), Map.entry(ENOSPC(), "ENOSPC"),
            Map.entry(EROFS(), "EROFS"), Map.entry(ERANGE(), "ERANGE"), Map.entry(ENAMETOOLONG(), "ENAMETOOLONG"),
            Map.entry(ENOSYS(), "ENOSYS"), Map.entry(ELOOP(), "ELOOP"), Map.entry(ENOMSG(), "ENOMSG"),
            Map.entry(EIDRM(), "EIDRM"));

    private Errno() {
    }

    /** The symbolic name of {@code errno}, such as {@code "ENOENT"}, or {@code "errno N"} if unknown. */
    public static String name(int errno) {
        String name = NAMES.get(errno);
        return name != null ? name : "errno " + errno;
    }

    /** The C library's text for {@code errno}, such as "No such file or directory". */
    public static String text(int errno) {
        // glibc's strerror is thread-safe and returns a string that lives as long as the process
        return SysvIpc.strerror(errno).reinterpret(Long.MAX_VALUE).getString(0);
    }
}
