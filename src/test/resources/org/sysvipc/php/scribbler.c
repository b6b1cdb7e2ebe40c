/*
 * A hostile peer for PhpSharedVariables: attaches the segment SHMID and, until it is killed (or
 * its parent dies), writes each FIELD in turn with its VALUES, one after another, round after round:
 *
 *     scribbler SHMID OFFSET=VALUE,VALUE,... [OFFSET=VALUE,...]...
 *
 * Offsets and values are decimal; fields are 8-byte longs in the machine's order. It prints
 * "ready" once attached, then writes as fast as it can.
 */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/shm.h>
#include <unistd.h>

#define MAX_FIELDS 64
#define MAX_VALUES 32

struct field {
    long offset;
    int count;
    int64_t values[MAX_VALUES];
};

int main(int argc, char **argv) {
    pid_t parent = getppid();
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent) {
        return 3;
    }
    if (argc < 3 || argc - 2 > MAX_FIELDS) {
        fprintf(stderr, "usage: scribbler SHMID OFFSET=VALUE,... (at most %d fields)\n", MAX_FIELDS);
        return 2;
    }
    struct shmid_ds stat;
    int id = atoi(argv[1]);
    if (shmctl(id, IPC_STAT, &stat) != 0) {
        perror("shmctl IPC_STAT");
        return 1;
    }
    char *base = shmat(id, NULL, 0);
    if (base == (void *) -1) {
        perror("shmat");
        return 1;
    }
    struct field fields[MAX_FIELDS];
    int nfields = argc - 2;
    for (int i = 0; i < nfields; i++) {
        char *text = argv[i + 2];
        char *end;
        fields[i].offset = strtol(text, &end, 10);
        if (*end != '=' || fields[i].offset < 0 || fields[i].offset + 8 > (long) stat.shm_segsz) {
            fprintf(stderr, "bad field %s\n", text);
            return 2;
        }
        fields[i].count = 0;
        do {
            if (fields[i].count == MAX_VALUES) {
                fprintf(stderr, "more than %d values in %s\n", MAX_VALUES, text);
                return 2;
            }
            fields[i].values[fields[i].count++] = strtoll(end + 1, &end, 10);
        } while (*end == ',');
        if (*end != '\0') {
            fprintf(stderr, "bad field %s\n", text);
            return 2;
        }
    }
    printf("ready\n");
    fflush(stdout);
    for (unsigned long round = 0;; round++) {
        for (int i = 0; i < nfields; i++) {
            int64_t value = fields[i].values[(round + i) % fields[i].count];
            __atomic_store_n((int64_t *) (base + fields[i].offset), value, __ATOMIC_RELAXED);
        }
    }
}
