/* The C implementation of docs/channel.md; see sysv_channel.h. */
#define _GNU_SOURCE
#include "sysv_channel.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <time.h>
#include <unistd.h>

#define CHECK_INTERVAL_DEFAULT_NS 100000000L
#define INIT_WAIT_NS 5000000000LL
#define SEMVMX 32767

typedef _Atomic uint64_t au64;
typedef _Atomic int32_t as32;

static au64 *u64_at(const struct sysv_channel *ch, uint64_t offset) { return (au64 *) (ch->base + offset); }
static as32 *s32_at(const struct sysv_channel *ch, uint64_t offset) { return (as32 *) (ch->base + offset); }
static uint64_t align8(uint64_t n) { return (n + 7) & ~(uint64_t) 7; }
static uint64_t ring_offset(const struct sysv_channel *ch, uint64_t position) {
    return SYSV_CHANNEL_HEADER_SIZE + (position & (ch->capacity - 1));
}
static int64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t) ts.tv_sec * 1000000000LL + ts.tv_nsec;
}
static void count(const struct sysv_channel *ch, uint64_t offset, uint64_t delta) {
    atomic_fetch_add(u64_at(ch, offset), delta);
}
/* A counter with one writer at a time: plain read, release store. */
static void count_alone(const struct sysv_channel *ch, uint64_t offset, uint64_t delta) {
    au64 *counter = u64_at(ch, offset);
    atomic_store_explicit(counter, atomic_load_explicit(counter, memory_order_relaxed) + delta, memory_order_release);
}
static uint64_t word_of(int32_t pid, uint32_t pidns) { return (uint64_t) pidns << 32 | (uint32_t) pid; }

/* ---- process identity and liveness (docs/channel.md, "Liveness") */

/* Reads state and start time (field 22) from /proc/<pid>/stat: 1 if read, 0 if missing, -1 if unreadable. */
static int proc_stat(int pid, char *state, uint64_t *start) {
    char path[64], text[1024];
    if (pid > 0) {
        snprintf(path, sizeof path, "/proc/%d/stat", pid);
    } else {
        snprintf(path, sizeof path, "/proc/self/stat");
    }
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return errno == ENOENT || errno == ESRCH ? 0 : -1;
    }
    ssize_t n = read(fd, text, sizeof text - 1);
    close(fd);
    if (n <= 0) {
        return n == 0 ? 0 : -1;
    }
    text[n] = 0;
    char *p = strrchr(text, ')');
    if (p == NULL || p[1] != ' ') {
        return -1;
    }
    p += 2;
    *state = *p;
    for (int field = 3; field < 22; field++) {
        p = strchr(p, ' ');
        if (p == NULL) {
            return -1;
        }
        p++;
    }
    *start = strtoull(p, NULL, 10);
    return 1;
}

static uint32_t own_pidns(void) {
    char link[64];
    ssize_t n = readlink("/proc/self/ns/pid", link, sizeof link - 1);
    if (n <= 0) {
        return 0;
    }
    link[n] = 0;
    char *open = strchr(link, '[');
    return open == NULL ? 0 : (uint32_t) strtoul(open + 1, NULL, 10);
}

static void identify(struct sysv_channel *ch) {
    char state;
    uint64_t start = 0;
    ch->pid = (int32_t) getpid();
    ch->pidns = own_pidns();
    ch->start = proc_stat(0, &state, &start) == 1 ? (uint32_t) start : 0;
    if (ch->start == 0) {
        ch->pidns = 0; /* without /proc no liveness can be judged */
    }
}

/* Whether (pid, pidns, start) is certainly dead; anything uncertain counts as alive. */
static int certainly_dead(const struct sysv_channel *ch, int32_t pid, uint32_t pidns, uint32_t start) {
    if (pid <= 0 || pidns == 0 || ch->pidns == 0 || pidns != ch->pidns) {
        return 0;
    }
    char state;
    uint64_t started;
    int found = proc_stat(pid, &state, &started);
    if (found == 0) {
        return 1;
    }
    if (found < 0) {
        return 0;
    }
    return state == 'Z' || state == 'X' || state == 'x' || (start != 0 && (uint32_t) started != start);
}

/* ---- waiting: the policy's phases, and the one sleeping call */

struct sysv_channel_policy sysv_channel_default_policy(void) {
    cpu_set_t cpus;
    int several = sched_getaffinity(0, sizeof cpus, &cpus) == 0 && CPU_COUNT(&cpus) > 1;
    struct sysv_channel_policy policy = {several ? 50000 : 0, 100000, CHECK_INTERVAL_DEFAULT_NS};
    return policy;
}

/* One step of spinning or yielding, or 0 when the wait should sleep. */
static int back_off(const struct sysv_channel *ch, int64_t since) {
    int64_t waited = now_ns() - since;
    if (waited < ch->policy.spin_ns) {
#if defined(__x86_64__) || defined(__i386__)
        __builtin_ia32_pause();
#elif defined(__aarch64__)
        __asm__ volatile("yield");
#endif
        return 1;
    }
    if (waited < ch->policy.spin_ns + ch->policy.yield_ns) {
        sched_yield();
        return 1;
    }
    return 0;
}

/* Takes a unit of semaphore index, waiting at most the check interval: 1 taken, 0 timed out, -1 error. */
static int sleep_on(const struct sysv_channel *ch, unsigned short index) {
    struct sembuf op = {index, -1, 0};
    struct timespec timeout = {ch->policy.check_interval_ns / 1000000000L, ch->policy.check_interval_ns % 1000000000L};
    for (;;) {
        if (semtimedop(ch->semid, &op, 1, &timeout) == 0) {
            return 1;
        }
        if (errno == EAGAIN) {
            return 0;
        }
        if (errno != EINTR) {
            return -1; /* EIDRM when removed */
        }
    }
}

static int post(const struct sysv_channel *ch, unsigned short index, short units) {
    struct sembuf op = {index, units, 0};
    if (semop(ch->semid, &op, 1) != 0) {
        return -1;
    }
    count(ch, SYSV_CHANNEL_OFF_WAKE_UPS, 1);
    return 0;
}

static int removed(const struct sysv_channel *ch) {
    if (atomic_load_explicit(s32_at(ch, SYSV_CHANNEL_OFF_REMOVED), memory_order_acquire) != 0) {
        errno = EIDRM;
        return 1;
    }
    return 0;
}

/* After a sleep timed out: a segment removed alone (SHM_DEST) removes the set too, waking everyone. */
static int segment_removed(const struct sysv_channel *ch) {
    struct shmid_ds ds;
    if (removed(ch)) {
        return 1;
    }
    if (shmctl(ch->shmid, IPC_STAT, &ds) != 0 || (ds.shm_perm.mode & SHM_DEST) != 0) {
        semctl(ch->semid, 0, IPC_RMID);
        errno = EIDRM;
        return 1;
    }
    return 0;
}

static int corrupt(void) {
    errno = EBADMSG;
    return -1;
}

static int sane(const struct sysv_channel *ch, uint64_t head, uint64_t tail) {
    return ((head | tail) & 7) == 0 && tail - head <= ch->capacity;
}

/* ---- opening */

static int check_header(struct sysv_channel *ch, size_t size) {
    if (size < SYSV_CHANNEL_HEADER_SIZE) {
        return corrupt();
    }
    int64_t deadline = now_ns() + INIT_WAIT_NS;
    while (atomic_load_explicit(u64_at(ch, SYSV_CHANNEL_OFF_MAGIC), memory_order_acquire) == 0 && now_ns() < deadline) {
        usleep(1000);
    }
    unsigned char *b = ch->base;
    uint64_t capacity = *(uint64_t *) (b + SYSV_CHANNEL_OFF_CAPACITY);
    uint32_t max_message = *(uint32_t *) (b + SYSV_CHANNEL_OFF_MAX_MESSAGE);
    if (memcmp(b, SYSV_CHANNEL_MAGIC, 8) != 0 || *(uint32_t *) (b + SYSV_CHANNEL_OFF_VERSION) != SYSV_CHANNEL_VERSION
            || *(uint32_t *) (b + SYSV_CHANNEL_OFF_HEADER_SIZE) != SYSV_CHANNEL_HEADER_SIZE
            || *(uint32_t *) (b + SYSV_CHANNEL_OFF_RECORD_HEADER) != SYSV_CHANNEL_RECORD_HEADER
            || capacity < 1024 || capacity > (1u << 30) || (capacity & (capacity - 1)) != 0
            || SYSV_CHANNEL_HEADER_SIZE + capacity > size
            || 2 * align8(SYSV_CHANNEL_RECORD_HEADER + (uint64_t) max_message) > capacity
            || *(int32_t *) (b + SYSV_CHANNEL_OFF_SEMID) < 0) {
        return corrupt();
    }
    ch->capacity = capacity;
    ch->max_message = max_message;
    ch->semid = *(int32_t *) (b + SYSV_CHANNEL_OFF_SEMID);
    struct semid_ds ds;
    union { int val; struct semid_ds *buf; } arg = {.buf = &ds};
    if (semctl(ch->semid, 0, IPC_STAT, arg) != 0) {
        if (errno == EINVAL) {
            errno = EIDRM;
        }
        return -1;
    }
    if (ds.sem_nsems < 2 || ds.sem_perm.__key != *(int32_t *) (b + SYSV_CHANNEL_OFF_KEY)) {
        return corrupt();
    }
    return 0;
}

static int attach(struct sysv_channel *ch, int shmid) {
    struct shmid_ds ds;
    memset(ch, 0, sizeof *ch);
    ch->shmid = shmid;
    ch->policy = sysv_channel_default_policy();
    identify(ch);
    void *base = shmat(shmid, NULL, 0);
    if (base == (void *) -1) {
        return -1;
    }
    ch->base = base;
    if (shmctl(shmid, IPC_STAT, &ds) != 0 || check_header(ch, ds.shm_segsz) != 0) {
        int saved = errno;
        shmdt(base);
        ch->base = NULL;
        errno = saved;
        return -1;
    }
    return 0;
}

int sysv_channel_open_id(struct sysv_channel *ch, int shmid) {
    return attach(ch, shmid);
}

int sysv_channel_open(struct sysv_channel *ch, key_t key) {
    int shmid = shmget(key, 0, 0);
    return shmid < 0 ? -1 : attach(ch, shmid);
}

int sysv_channel_create(struct sysv_channel *ch, key_t key, int perms, uint64_t capacity, uint32_t max_message) {
    if (capacity < 1024 || capacity > (1u << 30) || (capacity & (capacity - 1)) != 0
            || 2 * align8(SYSV_CHANNEL_RECORD_HEADER + (uint64_t) max_message) > capacity) {
        errno = EINVAL;
        return -1;
    }
    int semid = semget(key, 2, IPC_CREAT | IPC_EXCL | (perms & 0777));
    if (semid < 0) {
        return -1;
    }
    int shmid = shmget(key, SYSV_CHANNEL_HEADER_SIZE + capacity, IPC_CREAT | IPC_EXCL | (perms & 0777));
    void *base = shmid < 0 ? (void *) -1 : shmat(shmid, NULL, 0);
    if (base == (void *) -1) {
        int saved = errno;
        if (shmid >= 0) {
            shmctl(shmid, IPC_RMID, NULL);
        }
        semctl(semid, 0, IPC_RMID);
        errno = saved;
        return -1;
    }
    memset(ch, 0, sizeof *ch);
    ch->shmid = shmid;
    ch->semid = semid;
    ch->base = base;
    ch->capacity = capacity;
    ch->max_message = max_message;
    ch->policy = sysv_channel_default_policy();
    identify(ch);
    unsigned char *b = base;
    *(uint32_t *) (b + SYSV_CHANNEL_OFF_VERSION) = SYSV_CHANNEL_VERSION;
    *(uint32_t *) (b + SYSV_CHANNEL_OFF_HEADER_SIZE) = SYSV_CHANNEL_HEADER_SIZE;
    *(uint64_t *) (b + SYSV_CHANNEL_OFF_CAPACITY) = capacity;
    *(uint32_t *) (b + SYSV_CHANNEL_OFF_MAX_MESSAGE) = max_message;
    *(uint32_t *) (b + SYSV_CHANNEL_OFF_RECORD_HEADER) = SYSV_CHANNEL_RECORD_HEADER;
    *(int32_t *) (b + SYSV_CHANNEL_OFF_SEMID) = semid;
    *(int32_t *) (b + SYSV_CHANNEL_OFF_KEY) = (int32_t) key;
    *(int32_t *) (b + SYSV_CHANNEL_OFF_CREATOR_PID) = ch->pid;
    *(int64_t *) (b + SYSV_CHANNEL_OFF_CREATED) = (int64_t) time(NULL);
    uint64_t magic;
    memcpy(&magic, SYSV_CHANNEL_MAGIC, 8);
    atomic_store_explicit(u64_at(ch, SYSV_CHANNEL_OFF_MAGIC), magic, memory_order_release);
    return 0;
}

/* ---- sending */

static int lock_claim(struct sysv_channel *ch) {
    au64 *lock = u64_at(ch, SYSV_CHANNEL_OFF_CLAIM_LOCK);
    uint64_t mine = word_of(ch->pid, ch->pidns), holder = 0;
    if (atomic_compare_exchange_strong(lock, &holder, mine)) {
        return 0;
    }
    int64_t since = now_ns(), next_check = since + ch->policy.check_interval_ns;
    for (;;) {
        holder = 0;
        if (atomic_compare_exchange_strong(lock, &holder, mine)) {
            return 0;
        }
        if (now_ns() >= next_check) {
            next_check = now_ns() + ch->policy.check_interval_ns;
            if (removed(ch)) {
                return -1;
            }
            if (certainly_dead(ch, (int32_t) holder, (uint32_t) (holder >> 32), 0)
                    && atomic_compare_exchange_strong(lock, &holder, mine)) {
                count(ch, SYSV_CHANNEL_OFF_LOCK_BREAKS, 1);
                return 0;
            }
        }
        if (!back_off(ch, since)) {
            usleep(50);
        }
    }
}

/* Waits for need bytes of room as seen without the lock (docs/channel.md, "A producer sleeps"). */
static int await_room(struct sysv_channel *ch, uint64_t need) {
    as32 *sleeping = s32_at(ch, SYSV_CHANNEL_OFF_PRODUCERS_SLEEPING);
    int64_t since = now_ns();
    for (;;) {
        if (removed(ch)) {
            return -1;
        }
        uint64_t tail = atomic_load_explicit(u64_at(ch, SYSV_CHANNEL_OFF_TAIL), memory_order_acquire);
        uint64_t head = atomic_load_explicit(u64_at(ch, SYSV_CHANNEL_OFF_HEAD), memory_order_acquire);
        if (tail - head + need <= ch->capacity) {
            return 0;
        }
        if (back_off(ch, since)) {
            continue;
        }
        atomic_fetch_add(sleeping, 1);
        atomic_thread_fence(memory_order_seq_cst);
        tail = atomic_load_explicit(u64_at(ch, SYSV_CHANNEL_OFF_TAIL), memory_order_acquire);
        head = atomic_load_explicit(u64_at(ch, SYSV_CHANNEL_OFF_HEAD), memory_order_acquire);
        int woken = 0;
        if (tail - head + need > ch->capacity) {
            count(ch, SYSV_CHANNEL_OFF_PRODUCER_SLEEPS, 1);
            woken = sleep_on(ch, SYSV_CHANNEL_SEM_PRODUCERS);
            if (woken < 0) {
                return -1;
            }
        }
        if (!woken) { /* settle: take back our unit, or the semaphore unit the consumer made of it */
            int32_t w = atomic_load(sleeping);
            while (w > 0 && !atomic_compare_exchange_weak(sleeping, &w, w - 1)) {
            }
            if (w <= 0 && sleep_on(ch, SYSV_CHANNEL_SEM_PRODUCERS) < 0) {
                return -1;
            }
            if (segment_removed(ch)) {
                return -1;
            }
        }
    }
}

void *sysv_channel_claim(struct sysv_channel *ch, int64_t type, uint32_t length, int flags, uint64_t *position) {
    if (type <= 0 || length > ch->max_message) {
        errno = type <= 0 ? EINVAL : EMSGSIZE;
        return NULL;
    }
    uint64_t space = align8(SYSV_CHANNEL_RECORD_HEADER + (uint64_t) length);
    int counted = 0;
    for (;;) {
        if (removed(ch) || lock_claim(ch) != 0) {
            return NULL;
        }
        uint64_t tail = atomic_load_explicit(u64_at(ch, SYSV_CHANNEL_OFF_TAIL), memory_order_acquire);
        uint64_t index = tail & (ch->capacity - 1);
        uint64_t padding = space > ch->capacity - index ? ch->capacity - index : 0;
        uint64_t need = padding + space;
        uint64_t *head_cache = (uint64_t *) (ch->base + SYSV_CHANNEL_OFF_HEAD_CACHE);
        int room = tail - *head_cache <= ch->capacity && tail - *head_cache + need <= ch->capacity;
        if (!room) {
            uint64_t head = atomic_load_explicit(u64_at(ch, SYSV_CHANNEL_OFF_HEAD), memory_order_acquire);
            if (!sane(ch, head, tail)) {
                atomic_store_explicit(u64_at(ch, SYSV_CHANNEL_OFF_CLAIM_LOCK), 0, memory_order_release);
                corrupt();
                return NULL;
            }
            *head_cache = head;
            room = tail - head + need <= ch->capacity;
        }
        if (room) {
            unsigned char *b = ch->base;
            if (padding != 0) {
                *(int32_t *) (b + ring_offset(ch, tail) + SYSV_CHANNEL_REC_LENGTH) = (int32_t) padding;
                *(int32_t *) (b + ring_offset(ch, tail) + SYSV_CHANNEL_REC_PID) = 0;
            }
            uint64_t at = tail + padding, o = ring_offset(ch, at);
            *(int32_t *) (b + o + SYSV_CHANNEL_REC_LENGTH) = -(int32_t) (SYSV_CHANNEL_RECORD_HEADER + length);
            *(int32_t *) (b + o + SYSV_CHANNEL_REC_PID) = ch->pid;
            *(uint32_t *) (b + o + SYSV_CHANNEL_REC_PIDNS) = ch->pidns;
            *(uint32_t *) (b + o + SYSV_CHANNEL_REC_START) = ch->start;
            atomic_store_explicit(u64_at(ch, SYSV_CHANNEL_OFF_TAIL), tail + need, memory_order_release);
            count_alone(ch, SYSV_CHANNEL_OFF_MESSAGES_SENT, 1);
            count_alone(ch, SYSV_CHANNEL_OFF_BYTES_SENT, length);
            atomic_store_explicit(u64_at(ch, SYSV_CHANNEL_OFF_CLAIM_LOCK), 0, memory_order_release);
            *(int64_t *) (b + o + SYSV_CHANNEL_REC_TYPE) = type;
            *position = at;
            return b + o + SYSV_CHANNEL_RECORD_HEADER;
        }
        atomic_store_explicit(u64_at(ch, SYSV_CHANNEL_OFF_CLAIM_LOCK), 0, memory_order_release);
        if (!counted) {
            count(ch, SYSV_CHANNEL_OFF_FULL_RING_WAITS, 1);
            counted = 1;
        }
        if (flags & SYSV_CHANNEL_NOWAIT) {
            errno = EAGAIN;
            return NULL;
        }
        if (await_room(ch, need) != 0) {
            return NULL;
        }
    }
}

int sysv_channel_commit(struct sysv_channel *ch, uint64_t position) {
    as32 *length = s32_at(ch, ring_offset(ch, position) + SYSV_CHANNEL_REC_LENGTH);
    int32_t claimed = atomic_load_explicit(length, memory_order_relaxed);
    if (claimed >= 0) {
        errno = EINVAL;
        return -1;
    }
    atomic_store_explicit(length, -claimed, memory_order_release);
    atomic_thread_fence(memory_order_seq_cst);
    as32 *sleeping = s32_at(ch, SYSV_CHANNEL_OFF_CONSUMER_SLEEPING);
    int32_t one = 1;
    if (atomic_load_explicit(sleeping, memory_order_acquire) != 0 && atomic_compare_exchange_strong(sleeping, &one, 0)) {
        return post(ch, SYSV_CHANNEL_SEM_CONSUMER, 1);
    }
    return 0;
}

int sysv_channel_send(struct sysv_channel *ch, int64_t type, const void *data, uint32_t length, int flags) {
    uint64_t position;
    void *payload = sysv_channel_claim(ch, type, length, flags, &position);
    if (payload == NULL) {
        return -1;
    }
    memcpy(payload, data, length);
    return sysv_channel_commit(ch, position);
}

/* ---- receiving */

int sysv_channel_consumer_open(struct sysv_channel *ch) {
    au64 *consumer = u64_at(ch, SYSV_CHANNEL_OFF_CONSUMER);
    as32 *start = s32_at(ch, SYSV_CHANNEL_OFF_CONSUMER_START);
    uint64_t mine = word_of(ch->pid, ch->pidns);
    for (;;) {
        uint64_t holder = atomic_load_explicit(consumer, memory_order_acquire);
        if (holder == 0) {
            if (atomic_compare_exchange_strong(consumer, &holder, mine)) {
                break;
            }
            continue;
        }
        uint32_t holder_start = (uint32_t) atomic_load_explicit(start, memory_order_acquire);
        if (atomic_load_explicit(consumer, memory_order_acquire) != holder) {
            continue;
        }
        if (holder == mine || !certainly_dead(ch, (int32_t) holder, (uint32_t) (holder >> 32), holder_start)) {
            errno = EBUSY;
            return -1;
        }
        atomic_store(start, 0);
        if (atomic_compare_exchange_strong(consumer, &holder, mine)) {
            count(ch, SYSV_CHANNEL_OFF_CONSUMER_TAKEOVERS, 1);
            atomic_store(s32_at(ch, SYSV_CHANNEL_OFF_CONSUMER_SLEEPING), 0);
            atomic_thread_fence(memory_order_seq_cst);
            union { int val; struct semid_ds *buf; } arg = {.val = 0};
            semctl(ch->semid, SYSV_CHANNEL_SEM_CONSUMER, SETVAL, arg);
            break;
        }
    }
    atomic_store_explicit(start, (int32_t) ch->start, memory_order_release);
    ch->head = atomic_load_explicit(u64_at(ch, SYSV_CHANNEL_OFF_HEAD), memory_order_acquire);
    ch->tail_seen = ch->head;
    ch->watched = 0;
    ch->consumer = 1;
    if (!sane(ch, ch->head, atomic_load_explicit(u64_at(ch, SYSV_CHANNEL_OFF_TAIL), memory_order_acquire))) {
        sysv_channel_consumer_close(ch);
        return corrupt();
    }
    return 0;
}

int sysv_channel_consumer_close(struct sysv_channel *ch) {
    if (!ch->consumer) {
        return 0;
    }
    ch->consumer = 0;
    uint64_t mine = word_of(ch->pid, ch->pidns);
    au64 *consumer = u64_at(ch, SYSV_CHANNEL_OFF_CONSUMER);
    if (atomic_load(consumer) == mine) {
        atomic_store(s32_at(ch, SYSV_CHANNEL_OFF_CONSUMER_START), 0);
        atomic_compare_exchange_strong(consumer, &mine, 0);
    }
    return 0;
}

static void advance(struct sysv_channel *ch, uint64_t next) {
    ch->head = next;
    atomic_store_explicit(u64_at(ch, SYSV_CHANNEL_OFF_HEAD), next, memory_order_release);
}

/* Finds the committed message at the head (docs/channel.md, "Receiving" 1-2): 1 found, 0 none yet, -1 corrupt. */
static int find_message(struct sysv_channel *ch, uint64_t *offset, uint32_t *length, int64_t *type, uint64_t *next) {
    unsigned char *b = ch->base;
    for (;;) {
        if (ch->head == ch->tail_seen) {
            ch->tail_seen = atomic_load_explicit(u64_at(ch, SYSV_CHANNEL_OFF_TAIL), memory_order_acquire);
            if (!sane(ch, ch->head, ch->tail_seen)) {
                return corrupt();
            }
            if (ch->head == ch->tail_seen) {
                return 0;
            }
        }
        uint64_t o = ring_offset(ch, ch->head), index = ch->head & (ch->capacity - 1);
        uint64_t available = ch->tail_seen - ch->head;
        int32_t len = atomic_load_explicit(s32_at(ch, o + SYSV_CHANNEL_REC_LENGTH), memory_order_acquire);
        int32_t pid = *(int32_t *) (b + o + SYSV_CHANNEL_REC_PID);
        if (pid == 0) {
            if (len <= 0 || (uint64_t) len != ch->capacity - index || (uint64_t) len > available) {
                return corrupt();
            }
            advance(ch, ch->head + (uint64_t) len);
            continue;
        }
        if (len == 0 || len == INT32_MIN) {
            return corrupt();
        }
        uint64_t size = (uint64_t) (len < 0 ? -(int64_t) len : len), space = align8(size);
        if (size < SYSV_CHANNEL_RECORD_HEADER || size - SYSV_CHANNEL_RECORD_HEADER > ch->max_message
                || space > ch->capacity - index || space > available) {
            return corrupt();
        }
        if (len < 0) {
            int64_t now = now_ns();
            if (ch->watched != ch->head + 1) {
                ch->watched = ch->head + 1;
                ch->watched_since_ns = now;
                return 0;
            }
            if (now - ch->watched_since_ns < ch->policy.check_interval_ns) {
                return 0;
            }
            ch->watched_since_ns = now;
            if (!certainly_dead(ch, pid, *(uint32_t *) (b + o + SYSV_CHANNEL_REC_PIDNS),
                        *(uint32_t *) (b + o + SYSV_CHANNEL_REC_START))) {
                return 0;
            }
            count_alone(ch, SYSV_CHANNEL_OFF_ABANDONED, 1);
            advance(ch, ch->head + space);
            continue;
        }
        int64_t t = *(int64_t *) (b + o + SYSV_CHANNEL_REC_TYPE);
        if (t < 0) {
            return corrupt();
        }
        if (t == 0) {
            advance(ch, ch->head + space);
            continue;
        }
        *offset = o + SYSV_CHANNEL_RECORD_HEADER;
        *length = (uint32_t) (size - SYSV_CHANNEL_RECORD_HEADER);
        *type = t;
        *next = ch->head + space;
        return 1;
    }
}

static void wake_producers(struct sysv_channel *ch) {
    atomic_thread_fence(memory_order_seq_cst);
    as32 *sleeping = s32_at(ch, SYSV_CHANNEL_OFF_PRODUCERS_SLEEPING);
    if (atomic_load_explicit(sleeping, memory_order_acquire) != 0) {
        int32_t n = atomic_exchange(sleeping, 0);
        /* a count above the semaphore's maximum was scribbled on: ignore it; so is one that the
         * set cannot take (ERANGE), after which the semaphore starts again from 0 */
        if (n > 0 && n <= SEMVMX && post(ch, SYSV_CHANNEL_SEM_PRODUCERS, (short) n) != 0 && errno == ERANGE) {
            union { int val; struct semid_ds *buf; } arg = {.val = 0};
            semctl(ch->semid, SYSV_CHANNEL_SEM_PRODUCERS, SETVAL, arg);
        }
    }
}

/* After setting the flag and fencing: whether the record at the head can be read now. */
static int something_to_read(struct sysv_channel *ch) {
    uint64_t tail = atomic_load_explicit(u64_at(ch, SYSV_CHANNEL_OFF_TAIL), memory_order_acquire);
    if (tail == ch->head) {
        return 0;
    }
    uint64_t o = ring_offset(ch, ch->head);
    return atomic_load_explicit(s32_at(ch, o), memory_order_acquire) >= 0 || *(int32_t *) (ch->base + o + 4) == 0;
}

/* The consumer's sleep (docs/channel.md, "The consumer sleeps"): 0, or -1 on error. */
static int consumer_sleep(struct sysv_channel *ch) {
    as32 *flag = s32_at(ch, SYSV_CHANNEL_OFF_CONSUMER_SLEEPING);
    atomic_store(flag, 1);
    atomic_thread_fence(memory_order_seq_cst);
    int woken = 0, slept = 0;
    if (!something_to_read(ch)) {
        count(ch, SYSV_CHANNEL_OFF_CONSUMER_SLEEPS, 1);
        slept = 1;
        woken = sleep_on(ch, SYSV_CHANNEL_SEM_CONSUMER);
        if (woken < 0) {
            return -1;
        }
    }
    int32_t one = 1;
    if (!(atomic_load(flag) == 1 && atomic_compare_exchange_strong(flag, &one, 0)) && !woken) {
        if (sleep_on(ch, SYSV_CHANNEL_SEM_CONSUMER) < 0) {
            return -1;
        }
    }
    return slept && !woken && segment_removed(ch) ? -1 : 0;
}

ssize_t sysv_channel_receive(struct sysv_channel *ch, int64_t *type, void *buffer, size_t capacity, int flags) {
    if (!ch->consumer) {
        errno = EINVAL;
        return -1;
    }
    uint64_t started = ch->head, offset, next;
    uint32_t length;
    int64_t since = 0;
    ssize_t result;
    for (;;) {
        int found = find_message(ch, &offset, &length, type, &next);
        if (found < 0) {
            result = -1;
            break;
        }
        if (found > 0) {
            if (length > capacity) {
                errno = EMSGSIZE;
                result = -1;
                break;
            }
            memcpy(buffer, ch->base + offset, length);
            advance(ch, next);
            count_alone(ch, SYSV_CHANNEL_OFF_MESSAGES_RECEIVED, 1);
            count_alone(ch, SYSV_CHANNEL_OFF_BYTES_RECEIVED, length);
            result = length;
            break;
        }
        if (removed(ch)) {
            result = -1;
            break;
        }
        if (flags & SYSV_CHANNEL_NOWAIT) {
            errno = EAGAIN;
            result = -1;
            break;
        }
        if (since == 0) {
            since = now_ns();
        }
        if (!back_off(ch, since) && consumer_sleep(ch) != 0) {
            result = -1;
            break;
        }
    }
    if (ch->head != started) {
        int saved = errno;
        wake_producers(ch);
        errno = saved;
    }
    return result;
}

/* ---- the rest */

int sysv_channel_stats(const struct sysv_channel *ch, struct sysv_channel_stats *s) {
#define LOAD(field) atomic_load_explicit(u64_at(ch, SYSV_CHANNEL_OFF_##field), memory_order_acquire)
    s->messages_sent = LOAD(MESSAGES_SENT);
    s->bytes_sent = LOAD(BYTES_SENT);
    s->messages_received = LOAD(MESSAGES_RECEIVED);
    s->bytes_received = LOAD(BYTES_RECEIVED);
    uint64_t head = LOAD(HEAD), tail = LOAD(TAIL);
    s->pending_bytes = tail >= head ? tail - head : 0;
    s->full_ring_waits = LOAD(FULL_RING_WAITS);
    s->consumer_sleeps = LOAD(CONSUMER_SLEEPS);
    s->producer_sleeps = LOAD(PRODUCER_SLEEPS);
    s->wake_ups = LOAD(WAKE_UPS);
    s->abandoned = LOAD(ABANDONED);
    s->consumer_takeovers = LOAD(CONSUMER_TAKEOVERS);
    s->lock_breaks = LOAD(LOCK_BREAKS);
    s->consumer_pid = (int32_t) LOAD(CONSUMER);
#undef LOAD
    s->removed = atomic_load_explicit(s32_at(ch, SYSV_CHANNEL_OFF_REMOVED), memory_order_acquire) != 0;
    return 0;
}

int sysv_channel_remove(struct sysv_channel *ch) {
    atomic_store(s32_at(ch, SYSV_CHANNEL_OFF_REMOVED), 1);
    int set = semctl(ch->semid, 0, IPC_RMID), saved = errno;
    int segment = shmctl(ch->shmid, IPC_RMID, NULL);
    if (set != 0) {
        errno = saved;
    }
    return set != 0 || segment != 0 ? -1 : 0;
}

void sysv_channel_close(struct sysv_channel *ch) {
    if (ch->base != NULL) {
        sysv_channel_consumer_close(ch);
        shmdt(ch->base);
        ch->base = NULL;
    }
}
