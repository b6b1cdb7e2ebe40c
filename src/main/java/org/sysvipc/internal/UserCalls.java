package org.sysvipc.internal;

import static org.sysvipc.internal.NativeFunctions.*;

import java.lang.foreign.Arena;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;
import org.sysvipc.Errno;
import org.sysvipc.internal.Layouts.AddressField;

/**
 * The caller's effective uid and the names of users and groups, from the C library, so through
 * NSS (files, LDAP, sssd, systemd's userdb) as {@code ipcs} and {@code ls} get them.
 */
public final class UserCalls {
    /** A buffer of 1 MiB holds any sane record; a group whose member list needs more shows as a number. */
    private static final long MAX_BUFFER = 1 << 20;
    /** What glibc's sysconf answers for both, used where sysconf gives no size. */
    private static final long DEFAULT_BUFFER = 1024;
    private static final AddressField PW_NAME = Layouts.addressField(Layouts.PASSWD, "pw_name");
    private static final AddressField GR_NAME = Layouts.addressField(Layouts.GROUP, "gr_name");

    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle GETEUID = LINKER.downcallHandle(geteuid$address(), geteuid$descriptor());
    private static final MethodHandle GETPWUID_R = LINKER.downcallHandle(getpwuid_r$address(), getpwuid_r$descriptor());
    private static final MethodHandle GETGRGID_R = LINKER.downcallHandle(getgrgid_r$address(), getgrgid_r$descriptor());
    private static final MethodHandle SYSCONF = LINKER.downcallHandle(sysconf$address(), sysconf$descriptor());

    private UserCalls() {
    }

    /** geteuid(2), which cannot fail. */
    public static int effectiveUid() {
        try {
            return (int) GETEUID.invokeExact();
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /**
     * The name of user {@code uid}, by getpwuid_r(3).
     *
     * @return the name, or empty if no user has the uid
     * @throws IllegalStateException naming the call and errno if the lookup failed (an NSS source
     *                               that cannot be reached, too many open files)
     */
    public static Optional<String> userName(int uid) {
        return lookUp("getpwuid_r", uid, Constants._SC_GETPW_R_SIZE_MAX, Layouts.PASSWD.byteSize(),
                (record, buffer, size, result) -> (int) GETPWUID_R.invokeExact(uid, record, buffer, size, result),
                PW_NAME);
    }

    /**
     * The name of group {@code gid}, by getgrgid_r(3).
     *
     * @return the name, or empty if no group has the gid
     * @throws IllegalStateException naming the call and errno if the lookup failed
     */
    public static Optional<String> groupName(int gid) {
        return lookUp("getgrgid_r", gid, Constants._SC_GETGR_R_SIZE_MAX, Layouts.GROUP.byteSize(),
                (record, buffer, size, result) -> (int) GETGRGID_R.invokeExact(gid, record, buffer, size, result),
                GR_NAME);
    }

    /** One call of getpwuid_r or getgrgid_r; returns 0 or an errno value. */
    private interface Lookup {
        int call(MemorySegment record, MemorySegment buffer, long size, MemorySegment result) throws Throwable;
    }

    private static Optional<String> lookUp(String call, int id, int sizeName, long recordSize, Lookup lookup,
            AddressField name) {
        long suggested = sysconf(sizeName);
        long size = suggested > 0 && suggested <= MAX_BUFFER ? suggested : DEFAULT_BUFFER;
        while (true) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment record = arena.allocate(recordSize, 8);
                MemorySegment buffer = arena.allocate(size);
                MemorySegment result = arena.allocate(ValueLayout.ADDRESS);
                int error = call(lookup, record, buffer, size, result);
                if (error == ErrnoNumbers.ERANGE && size < MAX_BUFFER) {
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
                return Optional.of(stringIn(buffer, name.get(record), call));
            }
        }
    }

    private static int call(Lookup lookup, MemorySegment record, MemorySegment buffer, long size,
            MemorySegment result) {
        try {
            return lookup.call(record, buffer, size, result);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    private static long sysconf(int name) {
        try {
            return (long) SYSCONF.invokeExact(name);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    private static AssertionError unexpected(Throwable t) {
        return new AssertionError("a downcall threw", t);
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
