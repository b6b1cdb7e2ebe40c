package org.sysvipc.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout;
import java.time.Instant;
import org.sysvipc.IpcKey;
import org.sysvipc.IpcPermissions;
import org.sysvipc.MessageQueueStat;
import org.sysvipc.SemaphoreSetStat;
import org.sysvipc.SharedMemoryStat;
import org.sysvipc.generated.iovec;
import org.sysvipc.generated.ipc_perm;
import org.sysvipc.generated.msgbuf;
import org.sysvipc.generated.msqid_ds;
import org.sysvipc.generated.sembuf;
import org.sysvipc.generated.semid_ds;
import org.sysvipc.generated.shmid_ds;
import org.sysvipc.generated.timespec;

/** Reads and writes the C structs the calls take, so that no class outside this package knows their layout. */
public final class Structs {
    /** Where a {@code struct msgbuf}'s bytes start, after its {@code long mtype}. */
    public static final long MSGBUF_TEXT_OFFSET = msgbuf.mtext$offset();
    /** The alignment of a {@code struct msgbuf}, its {@code long}'s. */
    public static final long MSGBUF_ALIGNMENT = msgbuf.layout().byteAlignment();
    private static final long SEMBUF_SIZE = sembuf.layout().byteSize();
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private Structs() {
    }

    // ---- ipc_perm, shared by the three *_ds structs

    /** The {@link IpcPermissions} in a {@code struct ipc_perm}. */
    static IpcPermissions permissions(MemorySegment perm) {
        return new IpcPermissions(IpcKey.of(ipc_perm.__key(perm)), ipc_perm.uid(perm), ipc_perm.gid(perm),
                ipc_perm.cuid(perm), ipc_perm.cgid(perm), ipc_perm.mode(perm) & 0xffff,
                Short.toUnsignedInt(ipc_perm.__seq(perm)));
    }

    /** Writes the fields IPC_SET reads of a {@code struct ipc_perm}: uid, gid and the nine access bits. */
    static void setOwnerAndMode(MemorySegment perm, int uid, int gid, int mode) {
        ipc_perm.uid(perm, uid);
        ipc_perm.gid(perm, gid);
        ipc_perm.mode(perm, (ipc_perm.mode(perm) & ~0777) | (mode & 0777));
    }

    // ---- the three *_ds structs

    static MessageQueueStat messageQueueStat(MemorySegment ds) {
        return new MessageQueueStat(permissions(msqid_ds.msg_perm(ds)), msqid_ds.msg_qnum(ds),
                msqid_ds.msg_qbytes(ds), msqid_ds.__msg_cbytes(ds), msqid_ds.msg_lspid(ds), msqid_ds.msg_lrpid(ds),
                instant(msqid_ds.msg_stime(ds)), instant(msqid_ds.msg_rtime(ds)), instant(msqid_ds.msg_ctime(ds)));
    }

    static SemaphoreSetStat semaphoreSetStat(MemorySegment ds) {
        return new SemaphoreSetStat(permissions(semid_ds.sem_perm(ds)), semaphoreCount(ds),
                instant(semid_ds.sem_otime(ds)), instant(semid_ds.sem_ctime(ds)));
    }

    static SharedMemoryStat sharedMemoryStat(MemorySegment ds) {
        IpcPermissions permissions = permissions(shmid_ds.shm_perm(ds));
        return new SharedMemoryStat(permissions, shmid_ds.shm_segsz(ds), shmid_ds.shm_nattch(ds),
                shmid_ds.shm_cpid(ds), shmid_ds.shm_lpid(ds), instant(shmid_ds.shm_atime(ds)),
                instant(shmid_ds.shm_dtime(ds)), instant(shmid_ds.shm_ctime(ds)),
                (permissions.mode() & Constants.SHM_DEST) != 0, (permissions.mode() & Constants.SHM_LOCKED) != 0);
    }

    /** A {@code struct semid_ds}'s {@code sem_nsems}. */
    public static int semaphoreCount(MemorySegment ds) {
        return (int) semid_ds.sem_nsems(ds);
    }

    /** A {@code struct shmid_ds}'s {@code shm_segsz}. */
    public static long segmentSize(MemorySegment ds) {
        return shmid_ds.shm_segsz(ds);
    }

    /** Sets a {@code struct msqid_ds}'s {@code msg_qbytes}, which msgctl's IPC_SET reads besides the permissions. */
    public static void setQueueMaxBytes(MemorySegment ds, long maxBytes) {
        msqid_ds.msg_qbytes(ds, maxBytes);
    }

    /** A {@code time_t} as an Instant; {@link Instant#EPOCH} stands for "never". */
    private static Instant instant(long seconds) {
        return Instant.ofEpochSecond(seconds);
    }

    // ---- semaphore values (GETALL, SETALL), sembuf and timespec (semop, semtimedop)

    /** Room for {@code count} semaphore values, C's {@code unsigned short} array of GETALL and SETALL. */
    public static MemorySegment allocateSemaphoreValues(SegmentAllocator allocator, int count) {
        return allocator.allocate(ValueLayout.JAVA_SHORT, count);
    }

    /** {@return the semaphore values in {@code values}} */
    public static int[] semaphoreValues(MemorySegment values) {
        int[] result = new int[(int) (values.byteSize() / Short.BYTES)];
        for (int i = 0; i < result.length; i++) {
            result[i] = Short.toUnsignedInt(values.getAtIndex(ValueLayout.JAVA_SHORT, i));
        }
        return result;
    }

    /** Writes {@code values}, each 0 to 32767, into {@code buffer}. */
    public static void setSemaphoreValues(MemorySegment buffer, int[] values) {
        for (int i = 0; i < values.length; i++) {
            buffer.setAtIndex(ValueLayout.JAVA_SHORT, i, (short) values[i]);
        }
    }

    /** Room for {@code count} {@code struct sembuf}s. */
    public static MemorySegment allocateSembufs(SegmentAllocator allocator, long count) {
        return allocator.allocate(sembuf.layout(), count);
    }

    /** Writes the {@code i}th {@code struct sembuf} of {@code sembufs}. */
    public static void putSembuf(MemorySegment sembufs, long i, int semaphore, int delta, int flags) {
        long base = i * SEMBUF_SIZE;
        sembufs.set(sembuf.sem_num$layout(), base + sembuf.sem_num$offset(), (short) semaphore);
        sembufs.set(sembuf.sem_op$layout(), base + sembuf.sem_op$offset(), (short) delta);
        sembufs.set(sembuf.sem_flg$layout(), base + sembuf.sem_flg$offset(), (short) flags);
    }

    /** The {@code i}th {@code struct sembuf} of {@code sembufs}, alone. */
    public static MemorySegment sembufAt(MemorySegment sembufs, long i) {
        return sembufs.asSlice(i * SEMBUF_SIZE, SEMBUF_SIZE);
    }

    /** Whether any of the {@code count} {@code struct sembuf}s at {@code sembufs} has {@code IPC_NOWAIT}. */
    public static boolean anySembufNoWait(MemorySegment sembufs, long count) {
        MemorySegment all = sembufs.reinterpret(count * SEMBUF_SIZE);
        for (long i = 0; i < count; i++) {
            if ((all.get(sembuf.sem_flg$layout(), i * SEMBUF_SIZE + sembuf.sem_flg$offset()) & Constants.IPC_NOWAIT) != 0) {
                return true;
            }
        }
        return false;
    }

    /** A {@code struct iovec}. */
    public static MemorySegment allocateIovec(SegmentAllocator allocator) {
        return iovec.allocate(allocator);
    }

    /** Points a {@code struct iovec} at {@code size} bytes at {@code address}. */
    public static void setIovec(MemorySegment vector, long address, long size) {
        vector.set(ValueLayout.JAVA_LONG, iovec.iov_base$offset(), address);
        iovec.iov_len(vector, size);
    }

    /** A {@code struct timespec}. */
    public static MemorySegment allocateTimespec(SegmentAllocator allocator) {
        return timespec.allocate(allocator);
    }

    /** Sets a {@code struct timespec} to {@code nanos}, not negative. */
    public static void setTimespec(MemorySegment timeout, long nanos) {
        timespec.tv_sec(timeout, nanos / NANOS_PER_SECOND);
        timespec.tv_nsec(timeout, nanos % NANOS_PER_SECOND);
    }
}
