/*
 * sysv_channel: the C implementation of the sysv-ipc message channel (docs/channel.md, version 1):
 * many producers, one consumer, messages in one System V shared memory segment, sleeping and
 * waking on one System V semaphore set. It exchanges messages with the Java implementation
 * (org.sysvipc.channel) in either direction.
 *
 * Build: gcc -std=c11 -O2 -c sysv_channel.c (Linux, glibc; C11 atomics).
 *
 * Every function returns -1 (or NULL) with errno set on failure:
 *   EAGAIN    SYSV_CHANNEL_NOWAIT and the ring is full (send) or empty (receive)
 *   EIDRM     the channel was removed
 *   EBADMSG   the segment is not a channel's, or its ring holds what no writer writes
 *   EBUSY     another live consumer has the channel
 *   EMSGSIZE  a message longer than max_message, or than the receive buffer (it stays)
 *   EINVAL    a bad argument (type not positive, sizes that do not fit)
 *   and the errno of a failed shmget, shmat, semget or semop.
 * A struct sysv_channel is used by one thread at a time; a process may open a channel many times.
 * It records the opening process's identity (pid, PID namespace, start time), which the records it
 * writes carry: a child of fork() must open the channel itself, not use its parent's struct.
 */
#ifndef SYSV_CHANNEL_H
#define SYSV_CHANNEL_H

#include <stdint.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The header's fields (docs/channel.md, "The header"). */
#define SYSV_CHANNEL_MAGIC "SYSVCHAN"
#define SYSV_CHANNEL_VERSION 1
#define SYSV_CHANNEL_HEADER_SIZE 1024
#define SYSV_CHANNEL_OFF_MAGIC 0
#define SYSV_CHANNEL_OFF_VERSION 8
#define SYSV_CHANNEL_OFF_HEADER_SIZE 12
#define SYSV_CHANNEL_OFF_CAPACITY 16
#define SYSV_CHANNEL_OFF_MAX_MESSAGE 24
#define SYSV_CHANNEL_OFF_RECORD_HEADER 28
#define SYSV_CHANNEL_OFF_SEMID 32
#define SYSV_CHANNEL_OFF_KEY 36
#define SYSV_CHANNEL_OFF_CREATOR_PID 40
#define SYSV_CHANNEL_OFF_CREATED 48
#define SYSV_CHANNEL_OFF_CLAIM_LOCK 128
#define SYSV_CHANNEL_OFF_TAIL 136
#define SYSV_CHANNEL_OFF_HEAD_CACHE 144
#define SYSV_CHANNEL_OFF_MESSAGES_SENT 152
#define SYSV_CHANNEL_OFF_BYTES_SENT 160
#define SYSV_CHANNEL_OFF_HEAD 256
#define SYSV_CHANNEL_OFF_MESSAGES_RECEIVED 264
#define SYSV_CHANNEL_OFF_BYTES_RECEIVED 272
#define SYSV_CHANNEL_OFF_ABANDONED 280
#define SYSV_CHANNEL_OFF_CONSUMER 288
#define SYSV_CHANNEL_OFF_CONSUMER_START 296
#define SYSV_CHANNEL_OFF_CONSUMER_SLEEPING 384
#define SYSV_CHANNEL_OFF_PRODUCERS_SLEEPING 388
#define SYSV_CHANNEL_OFF_REMOVED 392
#define SYSV_CHANNEL_OFF_FULL_RING_WAITS 512
#define SYSV_CHANNEL_OFF_CONSUMER_SLEEPS 520
#define SYSV_CHANNEL_OFF_PRODUCER_SLEEPS 528
#define SYSV_CHANNEL_OFF_WAKE_UPS 536
#define SYSV_CHANNEL_OFF_CONSUMER_TAKEOVERS 544
#define SYSV_CHANNEL_OFF_LOCK_BREAKS 552

/* A record's fields (docs/channel.md, "Records"). */
#define SYSV_CHANNEL_REC_LENGTH 0
#define SYSV_CHANNEL_REC_PID 4
#define SYSV_CHANNEL_REC_PIDNS 8
#define SYSV_CHANNEL_REC_START 12
#define SYSV_CHANNEL_REC_TYPE 16
#define SYSV_CHANNEL_RECORD_HEADER 24

/* The semaphores of the set. */
#define SYSV_CHANNEL_SEM_CONSUMER 0
#define SYSV_CHANNEL_SEM_PRODUCERS 1

/* Flags of send and receive. */
#define SYSV_CHANNEL_NOWAIT 1

/* How a side waits: spin, then yield, then sleep at most check_interval_ns at a time. */
struct sysv_channel_policy {
    long spin_ns;
    long yield_ns;
    long check_interval_ns;
};

struct sysv_channel {
    int shmid;
    int semid;
    unsigned char *base;          /* the attached segment */
    uint64_t capacity;
    uint32_t max_message;
    struct sysv_channel_policy policy;
    /* this process: pid, PID namespace inode, start time (low 32 bits) */
    int32_t pid;
    uint32_t pidns;
    uint32_t start;
    /* the consumer's private state */
    int consumer;
    uint64_t head;
    uint64_t tail_seen;
    uint64_t watched;             /* position of a record in progress being watched, + 1; 0 if none */
    int64_t watched_since_ns;
};

struct sysv_channel_stats {
    uint64_t messages_sent, bytes_sent, messages_received, bytes_received, pending_bytes;
    uint64_t full_ring_waits, consumer_sleeps, producer_sleeps, wake_ups, abandoned;
    uint64_t consumer_takeovers, lock_breaks;
    int32_t consumer_pid;
    int removed;
};

/* Creates a new channel (segment and set, both new, both with key and perms); IPC_PRIVATE for a private one. */
int sysv_channel_create(struct sysv_channel *ch, key_t key, int perms, uint64_t capacity, uint32_t max_message);
/* Opens the channel with key. */
int sysv_channel_open(struct sysv_channel *ch, key_t key);
/* Opens the channel whose segment has shmid (a private channel's). */
int sysv_channel_open_id(struct sysv_channel *ch, int shmid);
/* The default policy: spin 50 us if this process may run on more than one CPU, yield 100 us, check every 100 ms. */
struct sysv_channel_policy sysv_channel_default_policy(void);

/* Sends a message; waits while the ring is full unless flags has SYSV_CHANNEL_NOWAIT. */
int sysv_channel_send(struct sysv_channel *ch, int64_t type, const void *data, uint32_t length, int flags);
/* The two halves of a send, to write the payload in place: claim returns where length bytes go. */
void *sysv_channel_claim(struct sysv_channel *ch, int64_t type, uint32_t length, int flags, uint64_t *position);
int sysv_channel_commit(struct sysv_channel *ch, uint64_t position);

/* Becomes the consumer (replacing a dead one); EBUSY if a live one has it. */
int sysv_channel_consumer_open(struct sysv_channel *ch);
/* Receives the next message into buffer; returns its length. Waits while the ring is empty unless
 * flags has SYSV_CHANNEL_NOWAIT. EMSGSIZE if it is longer than capacity (it stays). */
ssize_t sysv_channel_receive(struct sysv_channel *ch, int64_t *type, void *buffer, size_t capacity, int flags);
int sysv_channel_consumer_close(struct sysv_channel *ch);

int sysv_channel_stats(const struct sysv_channel *ch, struct sysv_channel_stats *stats);
/* Marks the channel removed, removes the set (waking every sleeper) and the segment. */
int sysv_channel_remove(struct sysv_channel *ch);
/* Gives up the consumer role if held, and detaches. */
void sysv_channel_close(struct sysv_channel *ch);

#ifdef __cplusplus
}
#endif
#endif
