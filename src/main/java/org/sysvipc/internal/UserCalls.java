package org.sysvipc.internal;

import static org.sysvipc.generated.x86_64.SysvIpc.*;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Optional;
import org.sysvipc.Errno;
import org.sysvipc.generated.x86_64.group;
import org.sysvipc.generated.x86_64.passwd;

/**
 * The caller's effective uid and the names of users and groups, from the C library, so through
 * NSS (files, LDAP, sssd, systemd's userdb) as {@code ipcs} and {@code ls} get them.
 */
public final class UserCalls {
    /** A buffer of 1 MiB holds any sane record; a group whose member list needs more shows as a number. */
    private static final long MAX_BUFFER = 1 << 20;
    /** What glibc's sysconf answers for both, used where sysconf gives no size. */
    private static final long DEFAULT_BUFFER = 1024;

    private UserCalls() {
    }

    /** geteuid(2), which cannot fail. */
    public static int effectiveUid() {
        return geteuid();
    }

    /**
     * The name of user {@code uid}, by getpwuid_r(3).
     *
     * @return the name, or empty if no user has the uid
     * @throws IllegalStateException naming the call and errno if the lookup failed (an NSS source
     *                               that cannot be reached, too many open files)
     */
    public static Optional<String> userName(int uid) {
        return lookUp("getpwuid_r", uid, _SC_GETPW_R_SIZE_MAX(), passwd.layout().byteSize(),
                (record, buffer, size, result) -> getpwuid_r(uid, record, buffer, size, result),
                passwd::pw_name);
    }

    /**
     * The name of group {@code gid}, by getgrgid_r(3).
     *
     * @return the name, or empty if no group has the gid
     * @throws IllegalStateException naming the call and errno if the lookup failed
     */
    public static Optional<String> groupName(int gid) {
        return lookUp("getgrgid_r", gid, _SC_GETGR_R_SIZE_MAX(), group.layout().byteSize(),
                (record, buffer, size, result) -> getgrgid_r(gid, record, buffer, size, result),
                group::gr_name);
    }

    /** One call of getpwuid_r or getgrgid_r; returns 0 or an errno value. */
    private interface Lookup {
        int call(MemorySegment record, MemorySegment buffer, long size, MemorySegment result);
    }

    private interface NameField {
        MemorySegment of(MemorySegment record);
    }

    private static Optional<String> lookUp(String call, int id, int sizeName, long recordSize, Lookup lookup,
            NameField name) {
        long suggested = sysconf(sizeName);
        long size = suggested > 0 && suggested <= MAX_BUFFER ? suggested : DEFAULT_BUFFER;
        while (true) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment record = arena.allocate(recordSize, 8);
                MemorySegment buffer = arena.allocate(size);
                MemorySegment result = arena.allocate(ValueLayout.ADDRESS);
                int error = lookup.call(record, buffer, size, result);
                if (error == ERANGE() && size < MAX_BUFFER) {
                    size *= 2;
                    continue;
                }
                if (error != 0) {
                    throw new IllegalStateException(call + "(" + Integer.toUnsignedString(id) + ") failed: "
                            + errnoName(error) + " (" + Syscalls.strerror(error) + ")");
                }
                if (result.get(ValueLayout.ADDRESS, 0).address() == 0) {
                    return Optional.empty(); // no entry for the id
                }
                return Optional.of(stringIn(buffer, name.of(record), call));
            }
        }
    }

    private static String errnoName(int number) {
        Errno errno = Errno.of(number);
        return errno == Errno.OTHER ? "errno " + number : errno.name();
    }

    /** The string {@code pointer} points to, which the _r contract puts inside {@code buffer}. */
    private static String stringIn(MemorySegment buffer, MemorySegment pointer, String call) {
        long offset = pointer.address() - buffer.address();
        if (offset < 0 || offset >= buffer.byteSize()) {
            throw new IllegalStateException(call + " returned a name outside the buffer it was given");
        }
        return buffer.getString(offset);
    }
}
