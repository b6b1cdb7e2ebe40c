package org.sysvipc.internal;

/**
 * The numbers of the errno values the module names, read once from the bindings of the
 * architecture this JVM runs on (only the chosen class is ever loaded).
 */
public final class ErrnoNumbers {
    private static final boolean AARCH64 = Platform.aarch64Bindings();

    /** {@code EPERM}. */
    public static final int EPERM = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.EPERM()
            : org.sysvipc.generated.x86_64.SysvIpc.EPERM();
    /** {@code ENOENT}. */
    public static final int ENOENT = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.ENOENT()
            : org.sysvipc.generated.x86_64.SysvIpc.ENOENT();
    /** {@code EINTR}. */
    public static final int EINTR = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.EINTR()
            : org.sysvipc.generated.x86_64.SysvIpc.EINTR();
    /** {@code E2BIG}. */
    public static final int E2BIG = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.E2BIG()
            : org.sysvipc.generated.x86_64.SysvIpc.E2BIG();
    /** {@code EAGAIN}. */
    public static final int EAGAIN = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.EAGAIN()
            : org.sysvipc.generated.x86_64.SysvIpc.EAGAIN();
    /** {@code ENOMEM}. */
    public static final int ENOMEM = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.ENOMEM()
            : org.sysvipc.generated.x86_64.SysvIpc.ENOMEM();
    /** {@code EACCES}. */
    public static final int EACCES = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.EACCES()
            : org.sysvipc.generated.x86_64.SysvIpc.EACCES();
    /** {@code EFAULT}. */
    public static final int EFAULT = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.EFAULT()
            : org.sysvipc.generated.x86_64.SysvIpc.EFAULT();
    /** {@code EEXIST}. */
    public static final int EEXIST = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.EEXIST()
            : org.sysvipc.generated.x86_64.SysvIpc.EEXIST();
    /** {@code ENOTDIR}. */
    public static final int ENOTDIR = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.ENOTDIR()
            : org.sysvipc.generated.x86_64.SysvIpc.ENOTDIR();
    /** {@code EINVAL}. */
    public static final int EINVAL = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.EINVAL()
            : org.sysvipc.generated.x86_64.SysvIpc.EINVAL();
    /** {@code ENFILE}. */
    public static final int ENFILE = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.ENFILE()
            : org.sysvipc.generated.x86_64.SysvIpc.ENFILE();
    /** {@code EMFILE}. */
    public static final int EMFILE = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.EMFILE()
            : org.sysvipc.generated.x86_64.SysvIpc.EMFILE();
    /** {@code EFBIG}. */
    public static final int EFBIG = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.EFBIG()
            : org.sysvipc.generated.x86_64.SysvIpc.EFBIG();
    /** {@code ENOSPC}. */
    public static final int ENOSPC = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.ENOSPC()
            : org.sysvipc.generated.x86_64.SysvIpc.ENOSPC();
    /** {@code EROFS}. */
    public static final int EROFS = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.EROFS()
            : org.sysvipc.generated.x86_64.SysvIpc.EROFS();
    /** {@code ERANGE}. */
    public static final int ERANGE = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.ERANGE()
            : org.sysvipc.generated.x86_64.SysvIpc.ERANGE();
    /** {@code ENAMETOOLONG}. */
    public static final int ENAMETOOLONG = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.ENAMETOOLONG()
            : org.sysvipc.generated.x86_64.SysvIpc.ENAMETOOLONG();
    /** {@code ENOSYS}. */
    public static final int ENOSYS = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.ENOSYS()
            : org.sysvipc.generated.x86_64.SysvIpc.ENOSYS();
    /** {@code ELOOP}. */
    public static final int ELOOP = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.ELOOP()
            : org.sysvipc.generated.x86_64.SysvIpc.ELOOP();
    /** {@code ENOMSG}. */
    public static final int ENOMSG = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.ENOMSG()
            : org.sysvipc.generated.x86_64.SysvIpc.ENOMSG();
    /** {@code EIDRM}. */
    public static final int EIDRM = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.EIDRM()
            : org.sysvipc.generated.x86_64.SysvIpc.EIDRM();
    /** {@code EOPNOTSUPP}. */
    public static final int EOPNOTSUPP = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.EOPNOTSUPP()
            : org.sysvipc.generated.x86_64.SysvIpc.EOPNOTSUPP();

    private ErrnoNumbers() {
    }
}
