/*
 * Prints what the C compiler and glibc say about every struct, field and constant the Java
 * layer's jextract bindings bake in; NativeLayoutTest compiles it for each architecture the
 * bindings are generated for, with -I native-headers (so it sees exactly the headers jextract
 * saw), and compares. Where glibc's structs differ between architectures, so do the fields
 * printed.
 *
 * Lines: "struct NAME SIZE", "field STRUCT NAME OFFSET SIZE", "const NAME VALUE".
 */
#include "sysvipc.h"
#include <stddef.h>
#include <stdio.h>

#define STRUCT(s) printf("struct %s %zu\n", #s, sizeof(struct s))
#define FIELD(s, f) printf("field %s %s %zu %zu\n", #s, #f, offsetof(struct s, f), sizeof(((struct s *) 0)->f))
#define CONST(c) printf("const %s %lld\n", #c, (long long) (c))

#if !defined __x86_64__ && !defined __aarch64__
#error "layout.c lists the fields of x86_64 and aarch64 only"
#endif

int main(void) {
    STRUCT(ipc_perm);
    FIELD(ipc_perm, __key);
    FIELD(ipc_perm, uid);
    FIELD(ipc_perm, gid);
    FIELD(ipc_perm, cuid);
    FIELD(ipc_perm, cgid);
    FIELD(ipc_perm, mode);
    FIELD(ipc_perm, __seq);
    FIELD(ipc_perm, __pad2);
    FIELD(ipc_perm, __glibc_reserved1);
    FIELD(ipc_perm, __glibc_reserved2);

    STRUCT(msqid_ds);
    FIELD(msqid_ds, msg_perm);
    FIELD(msqid_ds, msg_stime);
    FIELD(msqid_ds, msg_rtime);
    FIELD(msqid_ds, msg_ctime);
    FIELD(msqid_ds, __msg_cbytes);
    FIELD(msqid_ds, msg_qnum);
    FIELD(msqid_ds, msg_qbytes);
    FIELD(msqid_ds, msg_lspid);
    FIELD(msqid_ds, msg_lrpid);
    FIELD(msqid_ds, __glibc_reserved4);
    FIELD(msqid_ds, __glibc_reserved5);

    STRUCT(msgbuf);
    FIELD(msgbuf, mtype);
    FIELD(msgbuf, mtext);

    STRUCT(msginfo);
    FIELD(msginfo, msgpool);
    FIELD(msginfo, msgmap);
    FIELD(msginfo, msgmax);
    FIELD(msginfo, msgmnb);
    FIELD(msginfo, msgmni);
    FIELD(msginfo, msgssz);
    FIELD(msginfo, msgtql);
    FIELD(msginfo, msgseg);

    STRUCT(semid_ds);
    FIELD(semid_ds, sem_perm);
    FIELD(semid_ds, sem_otime);
    FIELD(semid_ds, sem_ctime);
#ifdef __x86_64__
    FIELD(semid_ds, __sem_otime_high);
    FIELD(semid_ds, __sem_ctime_high);
#endif
    FIELD(semid_ds, sem_nsems);
    FIELD(semid_ds, __glibc_reserved3);
    FIELD(semid_ds, __glibc_reserved4);

    STRUCT(sembuf);
    FIELD(sembuf, sem_num);
    FIELD(sembuf, sem_op);
    FIELD(sembuf, sem_flg);

    STRUCT(seminfo);
    FIELD(seminfo, semmap);
    FIELD(seminfo, semmni);
    FIELD(seminfo, semmns);
    FIELD(seminfo, semmnu);
    FIELD(seminfo, semmsl);
    FIELD(seminfo, semopm);
    FIELD(seminfo, semume);
    FIELD(seminfo, semusz);
    FIELD(seminfo, semvmx);
    FIELD(seminfo, semaem);

    STRUCT(timespec);
    FIELD(timespec, tv_sec);
    FIELD(timespec, tv_nsec);

    STRUCT(shmid_ds);
    FIELD(shmid_ds, shm_perm);
    FIELD(shmid_ds, shm_segsz);
    FIELD(shmid_ds, shm_atime);
    FIELD(shmid_ds, shm_dtime);
    FIELD(shmid_ds, shm_ctime);
    FIELD(shmid_ds, shm_cpid);
    FIELD(shmid_ds, shm_lpid);
    FIELD(shmid_ds, shm_nattch);
    FIELD(shmid_ds, __glibc_reserved5);
    FIELD(shmid_ds, __glibc_reserved6);

    STRUCT(shminfo);
    FIELD(shminfo, shmmax);
    FIELD(shminfo, shmmin);
    FIELD(shminfo, shmmni);
    FIELD(shminfo, shmseg);
    FIELD(shminfo, shmall);
    FIELD(shminfo, __glibc_reserved1);
    FIELD(shminfo, __glibc_reserved2);
    FIELD(shminfo, __glibc_reserved3);
    FIELD(shminfo, __glibc_reserved4);

    STRUCT(stat);
    FIELD(stat, st_dev);
    FIELD(stat, st_ino);
    FIELD(stat, st_nlink);
    FIELD(stat, st_mode);
    FIELD(stat, st_uid);
    FIELD(stat, st_gid);
    FIELD(stat, st_rdev);
    FIELD(stat, st_size);
    FIELD(stat, st_blksize);
    FIELD(stat, st_blocks);
#ifdef __x86_64__
    FIELD(stat, __pad0);
#else
    FIELD(stat, __pad1);
    FIELD(stat, __pad2);
#endif
    FIELD(stat, st_atim);
    FIELD(stat, st_mtim);
    FIELD(stat, st_ctim);
    FIELD(stat, __glibc_reserved);

    STRUCT(passwd);
    FIELD(passwd, pw_name);
    FIELD(passwd, pw_passwd);
    FIELD(passwd, pw_uid);
    FIELD(passwd, pw_gid);
    FIELD(passwd, pw_gecos);
    FIELD(passwd, pw_dir);
    FIELD(passwd, pw_shell);

    STRUCT(group);
    FIELD(group, gr_name);
    FIELD(group, gr_passwd);
    FIELD(group, gr_gid);
    FIELD(group, gr_mem);

    STRUCT(sigaction);
    FIELD(sigaction, __sigaction_handler);
    FIELD(sigaction, sa_mask);
    FIELD(sigaction, sa_flags);
    FIELD(sigaction, sa_restorer);

    STRUCT(iovec);
    FIELD(iovec, iov_base);
    FIELD(iovec, iov_len);

    STRUCT(pollfd);
    FIELD(pollfd, fd);
    FIELD(pollfd, events);
    FIELD(pollfd, revents);

    CONST(IPC_PRIVATE);
    CONST(IPC_CREAT);
    CONST(IPC_EXCL);
    CONST(IPC_NOWAIT);
    CONST(IPC_RMID);
    CONST(IPC_SET);
    CONST(IPC_STAT);
    CONST(IPC_INFO);
    CONST(MSG_NOERROR);
    CONST(MSG_EXCEPT);
    CONST(MSG_COPY);
    CONST(MSG_INFO);
    CONST(MSG_STAT_ANY);
    CONST(SEM_UNDO);
    CONST(GETPID);
    CONST(GETVAL);
    CONST(GETALL);
    CONST(GETNCNT);
    CONST(GETZCNT);
    CONST(SETVAL);
    CONST(SETALL);
    CONST(SEM_INFO);
    CONST(SEM_STAT_ANY);
    CONST(SHM_RDONLY);
    CONST(SHM_DEST);
    CONST(SHM_INFO);
    CONST(SHM_STAT_ANY);
    CONST(SHM_HUGETLB);
    CONST(SHM_NORESERVE);
    CONST(SHM_LOCK);
    CONST(SHM_UNLOCK);
    CONST(SHM_LOCKED);
    CONST(S_IFMT);
    CONST(S_IFIFO);
    CONST(PIPE_BUF);
    CONST(_SC_GETPW_R_SIZE_MAX);
    CONST(_SC_GETGR_R_SIZE_MAX);
    CONST(SIGPIPE);
    CONST(__SIGRTMAX);
    CONST(SA_RESTART);
    CONST(SA_RESETHAND);
    CONST(O_RDONLY);
    CONST(O_WRONLY);
    CONST(O_CLOEXEC);
    CONST(RWF_NOWAIT);
    CONST(O_NONBLOCK);
    CONST(F_GETFL);
    CONST(F_SETFL);
    CONST(POLLOUT);
    CONST(SYS_read);
    CONST(SYS_write);
    CONST(EPERM);
    CONST(ENOENT);
    CONST(EINTR);
    CONST(E2BIG);
    CONST(EAGAIN);
    CONST(ENOMEM);
    CONST(EACCES);
    CONST(EFAULT);
    CONST(EEXIST);
    CONST(ENOTDIR);
    CONST(EINVAL);
    CONST(ENFILE);
    CONST(EMFILE);
    CONST(EFBIG);
    CONST(ENOSPC);
    CONST(EROFS);
    CONST(ERANGE);
    CONST(ENAMETOOLONG);
    CONST(ENOSYS);
    CONST(ELOOP);
    CONST(ENOMSG);
    CONST(EIDRM);
    CONST(EOPNOTSUPP);
    return 0;
}
