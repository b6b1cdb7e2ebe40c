/*
 * counters-report: prints the counter table that the Java RequestRecorders update in shared
 * memory, and with --remove removes the segment afterwards.
 *
 * The segment's key is ftok(KEYFILE, 'c'). The table is an array of struct counter_slot at its
 * start, one per enum counter, in the order of Counter.java. The recorders may still be adding
 * while this reads: each value is read with one atomic load, as the Java side writes it with one
 * atomic add.
 *
 *   gcc -std=c11 -Wall -Wextra -O2 -o counters-report counters-report.c
 *   ./counters-report KEYFILE [--remove]
 */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>

enum counter { WORKERS, REQUESTS, BYTES, ERRORS, COUNTERS };
static const char *const names[COUNTERS] = {"workers", "requests", "bytes", "errors"};

/* one counter per 64-byte cache line */
struct counter_slot {
    int64_t value;
    char padding[56];
};
_Static_assert(sizeof(struct counter_slot) == 64, "a slot is one cache line");

int main(int argc, char **argv) {
    int remove = argc == 3 && strcmp(argv[2], "--remove") == 0;
    if (argc != 2 && !remove) {
        fprintf(stderr, "usage: %s KEYFILE [--remove]\n", argv[0]);
        return 2;
    }
    key_t key = ftok(argv[1], 'c');
    if (key == -1) {
        perror(argv[1]);
        return 1;
    }
    int id = shmget(key, 0, 0);
    if (id == -1) {
        if (errno == ENOENT) {
            fprintf(stderr, "counters-report: no counter table has key 0x%08x: no recorder ran\n", (unsigned) key);
        } else {
            perror("counters-report: shmget");
        }
        return 1;
    }
    struct shmid_ds state;
    if (shmctl(id, IPC_STAT, &state) == -1) {
        perror("counters-report: shmctl(IPC_STAT)");
        return 1;
    }
    if (state.shm_segsz < COUNTERS * sizeof(struct counter_slot)) {
        fprintf(stderr, "counters-report: segment %d has %zu bytes, too few for %d counters\n", id,
                (size_t) state.shm_segsz, COUNTERS);
        return 1;
    }
    const struct counter_slot *table = shmat(id, NULL, SHM_RDONLY);
    if (table == (void *) -1) {
        perror("counters-report: shmat");
        return 1;
    }
    for (int i = 0; i < COUNTERS; i++) {
        printf("%-9s %" PRId64 "\n", names[i], __atomic_load_n(&table[i].value, __ATOMIC_ACQUIRE));
    }
    shmdt(table);
    if (remove && shmctl(id, IPC_RMID, NULL) == -1) {
        perror("counters-report: shmctl(IPC_RMID)");
        return 1;
    }
    return 0;
}
