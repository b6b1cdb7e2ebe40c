/*
 * The C side of the channel tests: a producer, a consumer and a few faults, over c/channel's
 * implementation. Messages and checksums are those of org.sysvipc.channel.TestMessages:
 *   producer p's k-th message (k from 1): type p * 2^32 + k, length (k * 37 + p) % (max + 1),
 *   byte j = (p * 131 + k * 31 + j * 7) & 0xff; a producer's checksum is FNV-1a 64 over each
 *   message's type (8 bytes, little-endian), length (4 bytes) and bytes, in order.
 *
 *   channel_peer send <shmid> <producer> <count> <max>      prints: sent <count> <checksum>
 *   channel_peer receive <shmid> <count>                    prints: producer <p> <count> <checksum>, one per producer
 *   channel_peer create <key> <capacity> <max_message>      prints: <shmid>
 *   channel_peer claim-and-hang <shmid> <length>            claims a record, writes half of it, prints claimed, waits
 *   channel_peer hold-lock <shmid>                          takes the claim lock, prints locked, waits
 *   channel_peer stats <shmid>                              prints the counters, one "name value" a line
 *   channel_peer remove <shmid>
 * With CHANNEL_SLEEP_AT_ONCE in the environment, every wait sleeps at once (no spinning, no yielding)
 * and wakes only when woken (a check interval of an hour).
 */
#define _GNU_SOURCE
#include "sysv_channel.h"

#include <errno.h>
#include <inttypes.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_PRODUCERS 64

static uint64_t fnv(uint64_t hash, const void *data, size_t length) {
    const unsigned char *bytes = data;
    for (size_t i = 0; i < length; i++) {
        hash = (hash ^ bytes[i]) * 0x100000001b3ULL;
    }
    return hash;
}

static uint64_t account(uint64_t hash, int64_t type, uint32_t length, const unsigned char *bytes) {
    unsigned char head[12];
    for (int i = 0; i < 8; i++) {
        head[i] = (unsigned char) ((uint64_t) type >> (8 * i));
    }
    for (int i = 0; i < 4; i++) {
        head[8 + i] = (unsigned char) (length >> (8 * i));
    }
    return fnv(fnv(hash, head, 12), bytes, length);
}

static void fail(const char *what) {
    fprintf(stderr, "channel_peer: %s: %s\n", what, strerror(errno));
    exit(1);
}

static void open_id(struct sysv_channel *ch, const char *shmid) {
    if (sysv_channel_open_id(ch, atoi(shmid)) != 0) {
        fail("open");
    }
    if (getenv("CHANNEL_SLEEP_AT_ONCE") != NULL) { /* every wait sleeps at once, and wakes only when woken */
        struct sysv_channel_policy sleep_at_once = {0, 0, 3600L * 1000000000L};
        ch->policy = sleep_at_once;
    }
}

int main(int argc, char **argv) {
    struct sysv_channel ch;
    if (argc < 3) {
        fprintf(stderr, "usage: see the comment in channel_peer.c\n");
        return 2;
    }
    const char *mode = argv[1];
    if (strcmp(mode, "create") == 0 && argc == 5) {
        if (sysv_channel_create(&ch, (key_t) strtol(argv[2], NULL, 0), 0600, strtoull(argv[3], NULL, 10),
                    (uint32_t) atoi(argv[4])) != 0) {
            fail("create");
        }
        printf("%d\n", ch.shmid);
        sysv_channel_close(&ch);
        return 0;
    }
    open_id(&ch, argv[2]);
    if (strcmp(mode, "send") == 0 && argc == 6) {
        int64_t producer = atoi(argv[3]);
        long count = atol(argv[4]);
        uint32_t max = (uint32_t) atoi(argv[5]);
        unsigned char *bytes = malloc(max + 1);
        uint64_t hash = 0xcbf29ce484222325ULL;
        for (long k = 1; k <= count; k++) {
            uint32_t length = (uint32_t) ((k * 37 + producer) % (max + 1));
            for (uint32_t j = 0; j < length; j++) {
                bytes[j] = (unsigned char) (producer * 131 + k * 31 + j * 7);
            }
            int64_t type = (producer << 32) + k;
            if (sysv_channel_send(&ch, type, bytes, length, 0) != 0) {
                fail("send");
            }
            hash = account(hash, type, length, bytes);
        }
        printf("sent %ld %016" PRIx64 "\n", count, hash);
    } else if (strcmp(mode, "receive") == 0 && argc == 4) {
        long count = atol(argv[3]);
        static uint64_t hashes[MAX_PRODUCERS];
        static long received[MAX_PRODUCERS];
        unsigned char *buffer = malloc(ch.max_message + 1);
        if (sysv_channel_consumer_open(&ch) != 0) {
            fail("consumer_open");
        }
        for (long i = 0; i < count; i++) {
            int64_t type;
            ssize_t length = sysv_channel_receive(&ch, &type, buffer, ch.max_message, 0);
            if (length < 0) {
                fail("receive");
            }
            int64_t producer = type >> 32, k = type & 0xffffffffLL;
            if (producer < 0 || producer >= MAX_PRODUCERS || k != received[producer] + 1) {
                fprintf(stderr, "channel_peer: message %" PRId64 " of producer %" PRId64 " out of order\n", k, producer);
                return 1;
            }
            if (received[producer] == 0) {
                hashes[producer] = 0xcbf29ce484222325ULL;
            }
            received[producer] = k;
            hashes[producer] = account(hashes[producer], type, (uint32_t) length, buffer);
        }
        for (int p = 0; p < MAX_PRODUCERS; p++) {
            if (received[p] > 0) {
                printf("producer %d %ld %016" PRIx64 "\n", p, received[p], hashes[p]);
            }
        }
    } else if (strcmp(mode, "claim-and-hang") == 0 && argc == 4) {
        uint32_t length = (uint32_t) atoi(argv[3]);
        uint64_t position;
        unsigned char *payload = sysv_channel_claim(&ch, 1, length, 0, &position);
        if (payload == NULL) {
            fail("claim");
        }
        memset(payload, 0xab, length / 2);
        printf("claimed %" PRIu64 "\n", position);
        fflush(stdout);
        for (;;) {
            pause();
        }
    } else if (strcmp(mode, "hold-lock") == 0 && argc == 3) {
        _Atomic uint64_t *lock = (_Atomic uint64_t *) (ch.base + SYSV_CHANNEL_OFF_CLAIM_LOCK);
        uint64_t free = 0, mine = (uint64_t) ch.pidns << 32 | (uint32_t) ch.pid;
        while (!atomic_compare_exchange_weak(lock, &free, mine)) {
            free = 0;
        }
        printf("locked\n");
        fflush(stdout);
        for (;;) {
            pause();
        }
    } else if (strcmp(mode, "stats") == 0 && argc == 3) {
        struct sysv_channel_stats s;
        sysv_channel_stats(&ch, &s);
        printf("messages_sent %" PRIu64 "\nbytes_sent %" PRIu64 "\nmessages_received %" PRIu64 "\n"
               "bytes_received %" PRIu64 "\npending_bytes %" PRIu64 "\nfull_ring_waits %" PRIu64 "\n"
               "consumer_sleeps %" PRIu64 "\nproducer_sleeps %" PRIu64 "\nwake_ups %" PRIu64 "\n"
               "abandoned %" PRIu64 "\nconsumer_pid %d\nremoved %d\n",
               s.messages_sent, s.bytes_sent, s.messages_received, s.bytes_received, s.pending_bytes,
               s.full_ring_waits, s.consumer_sleeps, s.producer_sleeps, s.wake_ups, s.abandoned, s.consumer_pid,
               s.removed);
    } else if (strcmp(mode, "remove") == 0 && argc == 3) {
        if (sysv_channel_remove(&ch) != 0) {
            fail("remove");
        }
    } else {
        fprintf(stderr, "channel_peer: bad arguments\n");
        return 2;
    }
    sysv_channel_close(&ch);
    return 0;
}
