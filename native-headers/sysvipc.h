/*
 * The C surface the org.sysvipc module binds: System V IPC (sys/ipc.h, sys/msg.h,
 * sys/sem.h, sys/shm.h), stat and mkfifo for FIFOs (sys/stat.h), and the errno
 * values, strerror and PIPE_BUF the Java layer reports and documents; and for the
 * CLI, the effective uid and the user and group names (pwd.h, grp.h, unistd.h), looked
 * up through NSS as ipcs looks them up. For blocking calls: sigaction and tgkill (signal.h),
 * to end a thread's wait with a signal whose handler is known to be installed, and open,
 * close, fcntl, preadv2, poll and syscall with SYS_read and SYS_write (fcntl.h, unistd.h,
 * sys/uio.h, poll.h, sys/syscall.h) for FIFOs.
 *
 * _GNU_SOURCE is needed for semtimedop, MSG_EXCEPT, MSG_COPY, struct msgbuf, the
 * *_STAT_ANY / *_INFO commands used for listing, tgkill, gettid, preadv2 and RWF_NOWAIT.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/syscall.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <pwd.h>
#include <grp.h>
#include <unistd.h>
