package org.sysvipc.internal;

/**
 * The C constants the module passes to calls or compares their answers with, read once from the
 * bindings of the architecture this JVM runs on ({@code AARCH64 ? aarch64's : x86_64's}: only
 * the chosen class is ever loaded), so that no class outside this package needs them.
 */
public final class Constants {
    private static final boolean AARCH64 = Platform.aarch64Bindings();

    /** {@code IPC_PRIVATE}. */
    public static final int IPC_PRIVATE = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.IPC_PRIVATE()
            : org.sysvipc.generated.x86_64.SysvIpc.IPC_PRIVATE();
    /** {@code IPC_CREAT}. */
    public static final int IPC_CREAT = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.IPC_CREAT()
            : org.sysvipc.generated.x86_64.SysvIpc.IPC_CREAT();
    /** {@code IPC_EXCL}. */
    public static final int IPC_EXCL = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.IPC_EXCL()
            : org.sysvipc.generated.x86_64.SysvIpc.IPC_EXCL();
    /** {@code IPC_NOWAIT}. */
    public static final int IPC_NOWAIT = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.IPC_NOWAIT()
            : org.sysvipc.generated.x86_64.SysvIpc.IPC_NOWAIT();
    /** {@code IPC_RMID}. */
    public static final int IPC_RMID = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.IPC_RMID()
            : org.sysvipc.generated.x86_64.SysvIpc.IPC_RMID();
    /** {@code IPC_SET}. */
    public static final int IPC_SET = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.IPC_SET()
            : org.sysvipc.generated.x86_64.SysvIpc.IPC_SET();
    /** {@code IPC_STAT}. */
    public static final int IPC_STAT = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.IPC_STAT()
            : org.sysvipc.generated.x86_64.SysvIpc.IPC_STAT();

    /** {@code IPC_INFO}: the kernel's limits, from any of the three control calls. */
    public static final int IPC_INFO = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.IPC_INFO()
            : org.sysvipc.generated.x86_64.SysvIpc.IPC_INFO();

    /** {@code MSG_NOERROR}. */
    public static final int MSG_NOERROR = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.MSG_NOERROR()
            : org.sysvipc.generated.x86_64.SysvIpc.MSG_NOERROR();
    /** {@code MSG_EXCEPT}. */
    public static final int MSG_EXCEPT = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.MSG_EXCEPT()
            : org.sysvipc.generated.x86_64.SysvIpc.MSG_EXCEPT();
    /** {@code MSG_COPY}. */
    public static final int MSG_COPY = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.MSG_COPY()
            : org.sysvipc.generated.x86_64.SysvIpc.MSG_COPY();
    /** {@code MSG_INFO}: the highest index in use of the queues' table. */
    public static final int MSG_INFO = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.MSG_INFO()
            : org.sysvipc.generated.x86_64.SysvIpc.MSG_INFO();
    /** {@code MSG_STAT_ANY}: a queue's state by index, whatever its access bits. */
    public static final int MSG_STAT_ANY = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.MSG_STAT_ANY()
            : org.sysvipc.generated.x86_64.SysvIpc.MSG_STAT_ANY();

    /** {@code SEM_UNDO}. */
    public static final int SEM_UNDO = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.SEM_UNDO()
            : org.sysvipc.generated.x86_64.SysvIpc.SEM_UNDO();
    /** {@code GETPID}. */
    public static final int GETPID = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.GETPID()
            : org.sysvipc.generated.x86_64.SysvIpc.GETPID();
    /** {@code GETVAL}. */
    public static final int GETVAL = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.GETVAL()
            : org.sysvipc.generated.x86_64.SysvIpc.GETVAL();
    /** {@code GETALL}. */
    public static final int GETALL = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.GETALL()
            : org.sysvipc.generated.x86_64.SysvIpc.GETALL();
    /** {@code GETNCNT}. */
    public static final int GETNCNT = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.GETNCNT()
            : org.sysvipc.generated.x86_64.SysvIpc.GETNCNT();
    /** {@code GETZCNT}. */
    public static final int GETZCNT = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.GETZCNT()
            : org.sysvipc.generated.x86_64.SysvIpc.GETZCNT();
    /** {@code SETVAL}. */
    public static final int SETVAL = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.SETVAL()
            : org.sysvipc.generated.x86_64.SysvIpc.SETVAL();
    /** {@code SETALL}. */
    public static final int SETALL = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.SETALL()
            : org.sysvipc.generated.x86_64.SysvIpc.SETALL();
    /** {@code SEM_INFO}: the highest index in use of the sets' table. */
    public static final int SEM_INFO = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.SEM_INFO()
            : org.sysvipc.generated.x86_64.SysvIpc.SEM_INFO();
    /** {@code SEM_STAT_ANY}: a set's state by index, whatever its access bits. */
    public static final int SEM_STAT_ANY = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.SEM_STAT_ANY()
            : org.sysvipc.generated.x86_64.SysvIpc.SEM_STAT_ANY();

    /** {@code SHM_RDONLY}. */
    public static final int SHM_RDONLY = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.SHM_RDONLY()
            : org.sysvipc.generated.x86_64.SysvIpc.SHM_RDONLY();
    /** {@code SHM_DEST}, a status bit of a segment's mode. */
    public static final int SHM_DEST = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.SHM_DEST()
            : org.sysvipc.generated.x86_64.SysvIpc.SHM_DEST();
    /** {@code SHM_LOCKED}, a status bit of a segment's mode: locked in memory. */
    public static final int SHM_LOCKED = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.SHM_LOCKED()
            : org.sysvipc.generated.x86_64.SysvIpc.SHM_LOCKED();
    /** {@code SHM_HUGETLB}, a shmget flag: back the segment with huge pages. */
    public static final int SHM_HUGETLB = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.SHM_HUGETLB()
            : org.sysvipc.generated.x86_64.SysvIpc.SHM_HUGETLB();
    /** {@code SHM_NORESERVE}, a shmget flag: reserve no swap (or huge pages) for the segment. */
    public static final int SHM_NORESERVE = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.SHM_NORESERVE()
            : org.sysvipc.generated.x86_64.SysvIpc.SHM_NORESERVE();
    /** {@code SHM_LOCK}, a shmctl command. */
    public static final int SHM_LOCK = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.SHM_LOCK()
            : org.sysvipc.generated.x86_64.SysvIpc.SHM_LOCK();
    /** {@code SHM_UNLOCK}, a shmctl command. */
    public static final int SHM_UNLOCK = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.SHM_UNLOCK()
            : org.sysvipc.generated.x86_64.SysvIpc.SHM_UNLOCK();
    /** {@code SHM_INFO}: the highest index in use of the segments' table. */
    public static final int SHM_INFO = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.SHM_INFO()
            : org.sysvipc.generated.x86_64.SysvIpc.SHM_INFO();
    /** {@code SHM_STAT_ANY}: a segment's state by index, whatever its access bits. */
    public static final int SHM_STAT_ANY = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.SHM_STAT_ANY()
            : org.sysvipc.generated.x86_64.SysvIpc.SHM_STAT_ANY();

    /** {@code S_IFMT}: the file type bits of {@code st_mode}. */
    public static final int S_IFMT = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.S_IFMT()
            : org.sysvipc.generated.x86_64.SysvIpc.S_IFMT();
    /** {@code S_IFIFO}: the file type of a FIFO. */
    public static final int S_IFIFO = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.S_IFIFO()
            : org.sysvipc.generated.x86_64.SysvIpc.S_IFIFO();

    /** {@code PIPE_BUF}. */
    public static final int PIPE_BUF = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.PIPE_BUF()
            : org.sysvipc.generated.x86_64.SysvIpc.PIPE_BUF();

    /** {@code _SC_GETPW_R_SIZE_MAX}: sysconf's name for getpwuid_r's buffer size. */
    public static final int _SC_GETPW_R_SIZE_MAX = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc._SC_GETPW_R_SIZE_MAX()
            : org.sysvipc.generated.x86_64.SysvIpc._SC_GETPW_R_SIZE_MAX();
    /** {@code _SC_GETGR_R_SIZE_MAX}: sysconf's name for getgrgid_r's buffer size. */
    public static final int _SC_GETGR_R_SIZE_MAX = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc._SC_GETGR_R_SIZE_MAX()
            : org.sysvipc.generated.x86_64.SysvIpc._SC_GETGR_R_SIZE_MAX();
    /** open(2)'s {@code O_RDONLY}. */
    public static final int O_RDONLY = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.O_RDONLY()
            : org.sysvipc.generated.x86_64.SysvIpc.O_RDONLY();
    /** open(2)'s {@code O_WRONLY}. */
    public static final int O_WRONLY = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.O_WRONLY()
            : org.sysvipc.generated.x86_64.SysvIpc.O_WRONLY();
    /** open(2)'s {@code O_CLOEXEC}: the descriptor does not survive exec, as the JDK's own do not. */
    public static final int O_CLOEXEC = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.O_CLOEXEC()
            : org.sysvipc.generated.x86_64.SysvIpc.O_CLOEXEC();

    /** open(2)'s and fcntl(2)'s {@code O_NONBLOCK}: reads and writes on the file never wait. */
    public static final int O_NONBLOCK = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.O_NONBLOCK()
            : org.sysvipc.generated.x86_64.SysvIpc.O_NONBLOCK();

    /** fcntl(2)'s {@code F_GETFL}: the file status flags. */
    public static final int F_GETFL = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.F_GETFL()
            : org.sysvipc.generated.x86_64.SysvIpc.F_GETFL();

    /** fcntl(2)'s {@code F_SETFL}: sets the file status flags. */
    public static final int F_SETFL = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.F_SETFL()
            : org.sysvipc.generated.x86_64.SysvIpc.F_SETFL();

    /** poll(2)'s {@code POLLOUT}: there is room to write. */
    public static final short POLLOUT = (short) (AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.POLLOUT()
            : org.sysvipc.generated.x86_64.SysvIpc.POLLOUT());

    /** preadv2(2)'s {@code RWF_NOWAIT}: a read that never waits. */
    public static final int RWF_NOWAIT = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.RWF_NOWAIT()
            : org.sysvipc.generated.x86_64.SysvIpc.RWF_NOWAIT();

    /** {@code SYS_read}: read(2)'s system call number, which differs between architectures. */
    public static final int SYS_read = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.SYS_read()
            : org.sysvipc.generated.x86_64.SysvIpc.SYS_read();
    /** {@code SYS_write}: write(2)'s system call number. */
    public static final int SYS_write = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.SYS_write()
            : org.sysvipc.generated.x86_64.SysvIpc.SYS_write();

    /** {@code SIGPIPE}. */
    public static final int SIGPIPE = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.SIGPIPE()
            : org.sysvipc.generated.x86_64.SysvIpc.SIGPIPE();
    /** {@code __SIGRTMAX}: the highest real-time signal. */
    public static final int __SIGRTMAX = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.__SIGRTMAX()
            : org.sysvipc.generated.x86_64.SysvIpc.__SIGRTMAX();
    /** sigaction's {@code SA_RESTART}. */
    public static final int SA_RESTART = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.SA_RESTART()
            : org.sysvipc.generated.x86_64.SysvIpc.SA_RESTART();
    /** sigaction's {@code SA_RESETHAND}. */
    public static final int SA_RESETHAND = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.SA_RESETHAND()
            : org.sysvipc.generated.x86_64.SysvIpc.SA_RESETHAND();

    private Constants() {
    }
}
