package org.sysvipc.internal;

import org.sysvipc.generated.SysvIpc;

/** The numbers of the errno values the module names, read once from the bindings. */
public final class ErrnoNumbers {
    /** {@code EPERM}. */
    public static final int EPERM = SysvIpc.EPERM();
    /** {@code ENOENT}. */
    public static final int ENOENT = SysvIpc.ENOENT();
    /** {@code EINTR}. */
    public static final int EINTR = SysvIpc.EINTR();
    /** {@code E2BIG}. */
    public static final int E2BIG = SysvIpc.E2BIG();
    /** {@code EAGAIN}. */
    public static final int EAGAIN = SysvIpc.EAGAIN();
    /** {@code ENOMEM}. */
    public static final int ENOMEM = SysvIpc.ENOMEM();
    /** {@code EACCES}. */
    public static final int EACCES = SysvIpc.EACCES();
    /** {@code EFAULT}. */
    public static final int EFAULT = SysvIpc.EFAULT();
    /** {@code EEXIST}. */
    public static final int EEXIST = SysvIpc.EEXIST();
    /** {@code ENOTDIR}. */
    public static final int ENOTDIR = SysvIpc.ENOTDIR();
    /** {@code EINVAL}. */
    public static final int EINVAL = SysvIpc.EINVAL();
    /** {@code ENFILE}. */
    public static final int ENFILE = SysvIpc.ENFILE();
    /** {@code EMFILE}. */
    public static final int EMFILE = SysvIpc.EMFILE();
    /** {@code EFBIG}. */
    public static final int EFBIG = SysvIpc.EFBIG();
    /** {@code ENOSPC}. */
    public static final int ENOSPC = SysvIpc.ENOSPC();
    /** {@code EROFS}. */
    public static final int EROFS = SysvIpc.EROFS();
    /** {@code ERANGE}. */
    public static final int ERANGE = SysvIpc.ERANGE();
    /** {@code ENAMETOOLONG}. */
    public static final int ENAMETOOLONG = SysvIpc.ENAMETOOLONG();
    /** {@code ENOSYS}. */
    public static final int ENOSYS = SysvIpc.ENOSYS();
    /** {@code ELOOP}. */
    public static final int ELOOP = SysvIpc.ELOOP();
    /** {@code ENOMSG}. */
    public static final int ENOMSG = SysvIpc.ENOMSG();
    /** {@code EIDRM}. */
    public static final int EIDRM = SysvIpc.EIDRM();
    /** {@code EOPNOTSUPP}. */
    public static final int EOPNOTSUPP = SysvIpc.EOPNOTSUPP();

    private ErrnoNumbers() {
    }
}
