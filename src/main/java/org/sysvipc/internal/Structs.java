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
import org.sysvipc.internal.Layouts.IntField;
import org.sysvipc.internal.Layouts.LongField;
import org.sysvipc.internal.Layouts.ShortField;

/** Reads and writes the C structs the calls take, so that no class outside this package knows their layout. */
public final class Structs {
    /** Where a {@code struct msgbuf}'s bytes start, after its {@code long mtype}. */
    public static final long MSGBUF_TEXT_OFFSET = Layouts.offset(Layouts.MSGBUF, "mtext");
    /** The alignment of a {@code struct msgbuf}, its {@code long}'s. */
    public static final long MSGBUF_ALIGNMENT = Layouts.MSGBUF.byteAlignment();
    private static final long SEMBUF_SIZE = Layouts.SEMBUF.byteSize();
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private static final IntField PERM_KEY = Layouts.intField(Layouts.IPC_PERM, "__key");
    private static final IntField PERM_UID = Layouts.intField(Layouts.IPC_PERM, "uid");
    private static final IntField PERM_GID = Layouts.intField(Layouts.IPC_PERM, "gid");
    private static final IntField PERM_CUID = Layouts.intField(Layouts.IPC_PERM, "cuid");
    private static final IntField PERM_CGID = Layouts.intField(Layouts.IPC_PERM, "cgid");
    private static final IntField PERM_MODE = Layouts.intField(Layouts.IPC_PERM, "mode");
    private static final ShortField PERM_SEQ = Layouts.shortField(Layouts.IPC_PERM, "__seq");

    private static final long MSG_PERM = Layouts.offset(Layouts.MSQID_DS, "msg_perm");
    private static final LongField MSG_STIME = Layouts.longField(Layouts.MSQID_DS, "msg_stime");
    private static final LongField MSG_RTIME = Layouts.longField(Layouts.MSQID_DS, "msg_rtime");
    private static final LongField MSG_CTIME = Layouts.longField(Layouts.MSQID_DS, "msg_ctime");
    private static final LongField MSG_CBYTES = Layouts.longField(Layouts.MSQID_DS, "__msg_cbytes");
    private static final LongField MSG_QNUM = Layouts.longField(Layouts.MSQID_DS, "msg_qnum");
    private static final LongField MSG_QBYTES = Layouts.longField(Layouts.MSQID_DS, "msg_qbytes");
    private static final IntField MSG_LSPID = Layouts.intField(Layouts.MSQID_DS, "msg_lspid");
    private static final IntField MSG_LRPID = Layouts.intField(Layouts.MSQID_DS, "msg_lrpid");

    private static final long SEM_PERM = Layouts.offset(Layouts.SEMID_DS, "sem_perm");
    private static final LongField SEM_OTIME = Layouts.longField(Layouts.SEMID_DS, "sem_otime");
    private static final LongField SEM_CTIME = Layouts.longField(Layouts.SEMID_DS, "sem_ctime");
    private static final LongField SEM_NSEMS = Layouts.longField(Layouts.SEMID_DS, "sem_nsems");

    private static final long SHM_PERM = Layouts.offset(Layouts.SHMID_DS, "shm_perm");
    private static final LongField SHM_SEGSZ = Layouts.longField(Layouts.SHMID_DS, "shm_segsz");
    private static final LongField SHM_ATIME = Layouts.longField(Layouts.SHMID_DS, "shm_atime");
    private static final LongField SHM_DTIME = Layouts.longField(Layouts.SHMID_DS, "shm_dtime");
    private static final LongField SHM_CTIME = Layouts.longField(Layouts.SHMID_DS, "shm_ctime");
    private static final IntField SHM_CPID = Layouts.intField(Layouts.SHMID_DS, "shm_cpid");
    private static final IntField SHM_LPID = Layouts.intField(Layouts.SHMID_DS, "shm_lpid");
    private static final LongField SHM_NATTCH = Layouts.longField(Layouts.SHMID_DS, "shm_nattch");

    private static final ShortField SEMBUF_NUM = Layouts.shortField(Layouts.SEMBUF, "sem_num");
    private static final ShortField SEMBUF_OP = Layouts.shortField(Layouts.SEMBUF, "sem_op");
    private static final ShortField SEMBUF_FLG = Layouts.shortField(Layouts.SEMBUF, "sem_flg");

    private static final IntField POLLFD_FD = Layouts.intField(Layouts.POLLFD, "fd");
    private static final ShortField POLLFD_EVENTS = Layouts.shortField(Layouts.POLLFD, "events");

    private static final LongField IOV_BASE = Layouts.addressAsLongField(Layouts.IOVEC, "iov_base");
    private static final LongField IOV_LEN = Layouts.longField(Layouts.IOVEC, "iov_len");

    private static final long SIGACTION_HANDLER = Layouts.offset(Layouts.SIGACTION, "__sigaction_handler");
    private static final IntField SIGACTION_FLAGS = Layouts.intField(Layouts.SIGACTION, "sa_flags");

    private static final LongField TV_SEC = Layouts.longField(Layouts.TIMESPEC, "tv_sec");
    private static final LongField TV_NSEC = Layouts.longField(Layouts.TIMESPEC, "tv_nsec");

    private Structs() {
    }

    // ---- ipc_perm, shared by the three *_ds structs

    /** The {@link IpcPermissions} in a {@code struct ipc_perm}. */
    static IpcPermissions permissions(MemorySegment perm) {
        return new IpcPermissions(IpcKey.of(PERM_KEY.get(perm)), PERM_UID.get(perm), PERM_GID.get(perm),
                PERM_CUID.get(perm), PERM_CGID.get(perm), PERM_MODE.get(perm) & 0xffff,
                Short.toUnsignedInt(PERM_SEQ.get(perm)));
    }

    /** Writes the fields IPC_SET reads of a {@code struct ipc_perm}: uid, gid and the nine access bits. */
    static void setOwnerAndMode(MemorySegment perm, int uid, int gid, int mode) {
        PERM_UID.set(perm, uid);
        PERM_GID.set(perm, gid);
        PERM_MODE.set(perm, (PERM_MODE.get(perm) & ~0777) | (mode & 0777));
    }

    // ---- the three *_ds structs

    static MessageQueueStat messageQueueStat(MemorySegment ds) {
        return new MessageQueueStat(permissions(ds.asSlice(MSG_PERM)), MSG_QNUM.get(ds),
                MSG_QBYTES.get(ds), MSG_CBYTES.get(ds), MSG_LSPID.get(ds), MSG_LRPID.get(ds),
                instant(MSG_STIME.get(ds)), instant(MSG_RTIME.get(ds)), instant(MSG_CTIME.get(ds)));
    }

    static SemaphoreSetStat semaphoreSetStat(MemorySegment ds) {
        return new SemaphoreSetStat(permissions(ds.asSlice(SEM_PERM)), semaphoreCount(ds),
                instant(SEM_OTIME.get(ds)), instant(SEM_CTIME.get(ds)));
    }

    static SharedMemoryStat sharedMemoryStat(MemorySegment ds) {
        IpcPermissions permissions = permissions(ds.asSlice(SHM_PERM));
        return new SharedMemoryStat(permissions, SHM_SEGSZ.get(ds), SHM_NATTCH.get(ds),
                SHM_CPID.get(ds), SHM_LPID.get(ds), instant(SHM_ATIME.get(ds)),
                instant(SHM_DTIME.get(ds)), instant(SHM_CTIME.get(ds)),
                (permissions.mode() & Constants.SHM_DEST) != 0, (permissions.mode() & Constants.SHM_LOCKED) != 0);
    }

    /** A {@code struct semid_ds}'s {@code sem_nsems}. */
    public static int semaphoreCount(MemorySegment ds) {
        return (int) SEM_NSEMS.get(ds);
    }

    /** A {@code struct shmid_ds}'s {@code shm_segsz}. */
    public static long segmentSize(MemorySegment ds) {
        return SHM_SEGSZ.get(ds);
    }

    /** Sets a {@code struct msqid_ds}'s {@code msg_qbytes}, which msgctl's IPC_SET reads besides the permissions. */
    public static void setQueueMaxBytes(MemorySegment ds, long maxBytes) {
        MSG_QBYTES.set(ds, maxBytes);
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
        return allocator.allocate(Layouts.SEMBUF, count);
    }

    /** Writes the {@code i}th {@code struct sembuf} of {@code sembufs}. */
    public static void putSembuf(MemorySegment sembufs, long i, int semaphore, int delta, int flags) {
        long base = i * SEMBUF_SIZE;
        SEMBUF_NUM.set(sembufs, base, (short) semaphore);
        SEMBUF_OP.set(sembufs, base, (short) delta);
        SEMBUF_FLG.set(sembufs, base, (short) flags);
    }

    /** The {@code i}th {@code struct sembuf} of {@code sembufs}, alone. */
    public static MemorySegment sembufAt(MemorySegment sembufs, long i) {
        return sembufs.asSlice(i * SEMBUF_SIZE, SEMBUF_SIZE);
    }

    /** Whether any of the {@code count} {@code struct sembuf}s at {@code sembufs} has {@code IPC_NOWAIT}. */
    public static boolean anySembufNoWait(MemorySegment sembufs, long count) {
        MemorySegment all = sembufs.reinterpret(count * SEMBUF_SIZE);
        for (long i = 0; i < count; i++) {
            if ((SEMBUF_FLG.get(all, i * SEMBUF_SIZE) & Constants.IPC_NOWAIT) != 0) {
                return true;
            }
        }
        return false;
    }

    /** A {@code struct pollfd}. */
    public static MemorySegment allocatePollfd(SegmentAllocator allocator) {
        return allocator.allocate(Layouts.POLLFD);
    }

    /** Asks a {@code struct pollfd} for {@code events} on {@code fd}. */
    public static void setPollfd(MemorySegment pollfd, int fd, short events) {
        POLLFD_FD.set(pollfd, fd);
        POLLFD_EVENTS.set(pollfd, 0, events);
    }

    /** A {@code struct iovec}. */
    public static MemorySegment allocateIovec(SegmentAllocator allocator) {
        return allocator.allocate(Layouts.IOVEC);
    }

    /** Points a {@code struct iovec} at {@code size} bytes at {@code address}. */
    public static void setIovec(MemorySegment vector, long address, long size) {
        IOV_BASE.set(vector, address);
        IOV_LEN.set(vector, size);
    }

    /** A {@code struct sigaction}. */
    public static MemorySegment allocateSigaction(SegmentAllocator allocator) {
        return allocator.allocate(Layouts.SIGACTION);
    }

    /** A {@code struct sigaction}'s handler, as an address ({@code SIG_DFL} is 0, {@code SIG_IGN} 1). */
    public static long sigactionHandler(MemorySegment action) {
        return action.get(ValueLayout.JAVA_LONG, SIGACTION_HANDLER);
    }

    /** A {@code struct sigaction}'s {@code sa_flags}. */
    public static int sigactionFlags(MemorySegment action) {
        return SIGACTION_FLAGS.get(action);
    }

    /** A {@code struct timespec}. */
    public static MemorySegment allocateTimespec(SegmentAllocator allocator) {
        return allocator.allocate(Layouts.TIMESPEC);
    }

    /** Sets a {@code struct timespec} to {@code nanos}, not negative. */
    public static void setTimespec(MemorySegment timeout, long nanos) {
        TV_SEC.set(timeout, nanos / NANOS_PER_SECOND);
        TV_NSEC.set(timeout, nanos % NANOS_PER_SECOND);
    }
}
