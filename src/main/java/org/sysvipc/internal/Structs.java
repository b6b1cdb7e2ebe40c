package org.sysvipc.internal;

import java.lang.foreign.MemorySegment;
import java.time.Instant;
import org.sysvipc.IpcKey;
import org.sysvipc.IpcPermissions;
import org.sysvipc.generated.ipc_perm;

/** Reads the parts that all three stat structs share. */
public final class Structs {
    private Structs() {
    }

    /** The {@link IpcPermissions} in a {@code struct ipc_perm}. */
    public static IpcPermissions permissions(MemorySegment perm) {
        return new IpcPermissions(IpcKey.of(ipc_perm.__key(perm)), ipc_perm.uid(perm), ipc_perm.gid(perm),
                ipc_perm.cuid(perm), ipc_perm.cgid(perm), ipc_perm.mode(perm) & 0xffff,
                Short.toUnsignedInt(ipc_perm.__seq(perm)));
    }

    /** Writes the fields IPC_SET reads: uid, gid and the nine access bits. */
    public static void setOwnerAndMode(MemorySegment perm, int uid, int gid, int mode) {
        ipc_perm.uid(perm, uid);
        ipc_perm.gid(perm, gid);
        ipc_perm.mode(perm, (ipc_perm.mode(perm) & ~0777) | (mode & 0777));
    }

    /** A {@code time_t} as an Instant; {@link Instant#EPOCH} stands for "never". */
    public static Instant instant(long seconds) {
        return Instant.ofEpochSecond(seconds);
    }
}
