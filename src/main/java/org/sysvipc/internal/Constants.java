package org.sysvipc.internal;

import org.sysvipc.generated.SysvIpc;

/**
 * The C constants the module passes to calls or compares their answers with, read once from the
 * bindings, so that no class outside this package needs them.
 */
public final class Constants {
    /** {@code IPC_PRIVATE}. */
    public static final int IPC_PRIVATE = SysvIpc.IPC_PRIVATE();
    /** {@code IPC_CREAT}. */
    public static final int IPC_CREAT = SysvIpc.IPC_CREAT();
    /** {@code IPC_EXCL}. */
    public static final int IPC_EXCL = SysvIpc.IPC_EXCL();
    /** {@code IPC_NOWAIT}. */
    public static final int IPC_NOWAIT = SysvIpc.IPC_NOWAIT();
    /** {@code IPC_RMID}. */
    public static final int IPC_RMID = SysvIpc.IPC_RMID();
    /** {@code IPC_SET}. */
    public static final int IPC_SET = SysvIpc.IPC_SET();
    /** {@code IPC_STAT}. */
    public static final int IPC_STAT = SysvIpc.IPC_STAT();

    /** {@code MSG_NOERROR}. */
    public static final int MSG_NOERROR = SysvIpc.MSG_NOERROR();
    /** {@code MSG_EXCEPT}. */
    public static final int MSG_EXCEPT = SysvIpc.MSG_EXCEPT();
    /** {@code MSG_COPY}. */
    public static final int MSG_COPY = SysvIpc.MSG_COPY();

    /** {@code SEM_UNDO}. */
    public static final int SEM_UNDO = SysvIpc.SEM_UNDO();
    /** {@code GETPID}. */
    public static final int GETPID = SysvIpc.GETPID();
    /** {@code GETVAL}. */
    public static final int GETVAL = SysvIpc.GETVAL();
    /** {@code GETALL}. */
    public static final int GETALL = SysvIpc.GETALL();
    /** {@code GETNCNT}. */
    public static final int GETNCNT = SysvIpc.GETNCNT();
    /** {@code GETZCNT}. */
    public static final int GETZCNT = SysvIpc.GETZCNT();
    /** {@code SETVAL}. */
    public static final int SETVAL = SysvIpc.SETVAL();
    /** {@code SETALL}. */
    public static final int SETALL = SysvIpc.SETALL();

    /** {@code SHM_RDONLY}. */
    public static final int SHM_RDONLY = SysvIpc.SHM_RDONLY();
    /** {@code SHM_DEST}, a status bit of a segment's mode. */
    public static final int SHM_DEST = SysvIpc.SHM_DEST();
    /** {@code SHM_LOCKED}, a status bit of a segment's mode: locked in memory. */
    public static final int SHM_LOCKED = SysvIpc.SHM_LOCKED();
    /** {@code SHM_HUGETLB}, a shmget flag: back the segment with huge pages. */
    public static final int SHM_HUGETLB = SysvIpc.SHM_HUGETLB();
    /** {@code SHM_NORESERVE}, a shmget flag: reserve no swap (or huge pages) for the segment. */
    public static final int SHM_NORESERVE = SysvIpc.SHM_NORESERVE();
    /** {@code SHM_LOCK}, a shmctl command. */
    public static final int SHM_LOCK = SysvIpc.SHM_LOCK();
    /** {@code SHM_UNLOCK}, a shmctl command. */
    public static final int SHM_UNLOCK = SysvIpc.SHM_UNLOCK();

    /** {@code S_IFMT}: the file type bits of {@code st_mode}. */
    public static final int S_IFMT = SysvIpc.S_IFMT();
    /** {@code S_IFIFO}: the file type of a FIFO. */
    public static final int S_IFIFO = SysvIpc.S_IFIFO();

    /** {@code PIPE_BUF}. */
    public static final int PIPE_BUF = SysvIpc.PIPE_BUF();
    /** open(2)'s {@code O_RDONLY}. */
    public static final int O_RDONLY = SysvIpc.O_RDONLY();
    /** open(2)'s {@code O_WRONLY}. */
    public static final int O_WRONLY = SysvIpc.O_WRONLY();
    /** open(2)'s {@code O_CLOEXEC}: the descriptor does not survive exec, as the JDK's own do not. */
    public static final int O_CLOEXEC = SysvIpc.O_CLOEXEC();

    private Constants() {
    }
}
