/*
 * order-daemon: prices orders for the Java OrderService through a System V message queue.
 *
 * Requests (type 1) and replies (type 2) are each one struct order, the same struct both ways.
 * The daemon creates the queue with the key ftok(KEYFILE, 'o'), answers each order with its
 * amount plus 20% VAT and its name in capitals, and on SIGTERM or SIGINT removes the queue and
 * exits.
 *
 *   gcc -std=c11 -Wall -Wextra -O2 -pthread -o order-daemon order-daemon.c
 *   ./order-daemon KEYFILE
 */
#define _XOPEN_SOURCE 700
#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>

enum { ORDER_REQUEST = 1, ORDER_PRICED = 2 };

struct order {
    long mtype; /* ORDER_REQUEST or ORDER_PRICED */
    int32_t id;
    double amount;
    char name[32]; /* NUL-terminated */
};

/* an order's size as msgsnd and msgrcv count it: the struct after mtype */
#define ORDER_SIZE (sizeof(struct order) - sizeof(long))

static int queue = -1;
static atomic_int stopping;

/* Waits for SIGTERM or SIGINT, then removes the queue: that ends the main thread's msgrcv with
 * EIDRM, however close to the signal it was called, which a flag set in a handler cannot do. */
static void *stop_on_signal(void *signals) {
    int signal;
    if (sigwait(signals, &signal) == 0) {
        atomic_store(&stopping, 1);
        msgctl(queue, IPC_RMID, NULL);
    }
    return NULL;
}

static int price_orders(void) {
    /* one byte more than an order, so that a longer message is received (cut, with MSG_NOERROR)
     * and dropped, instead of failing with E2BIG and staying at the queue's head for ever */
    union {
        struct order order;
        char bytes[sizeof(struct order) + 1];
    } request;
    for (;;) {
        ssize_t length = msgrcv(queue, &request, ORDER_SIZE + 1, ORDER_REQUEST, MSG_NOERROR);
        if (length == -1) {
            if (errno == EINTR) {
                continue;
            }
            if (atomic_load(&stopping) && (errno == EIDRM || errno == EINVAL)) {
                return 0;
            }
            perror("order-daemon: msgrcv");
            return 1;
        }
        const struct order *order = &request.order;
        if ((size_t) length != ORDER_SIZE || memchr(order->name, '\0', sizeof order->name) == NULL) {
            fprintf(stderr, "order-daemon: dropped a message of %zd bytes that is no order\n", length);
            continue;
        }

        struct order priced = {.mtype = ORDER_PRICED, .id = order->id, .amount = order->amount * 1.2};
        for (size_t i = 0; order->name[i] != '\0'; i++) {
            priced.name[i] = (char) toupper((unsigned char) order->name[i]);
        }
        if (msgsnd(queue, &priced, ORDER_SIZE, 0) == -1) {
            if (atomic_load(&stopping) && (errno == EIDRM || errno == EINVAL)) {
                return 0;
            }
            perror("order-daemon: msgsnd");
            return 1;
        }
        printf("order-daemon: order %d, %s: %.2f -> %.2f\n", (int) order->id, order->name,
               order->amount, priced.amount);
    }
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s KEYFILE\n", argv[0]);
        return 2;
    }
    key_t key = ftok(argv[1], 'o');
    if (key == -1) {
        perror(argv[1]);
        return 1;
    }
    setvbuf(stdout, NULL, _IOLBF, 0);

    /* the signals go to the stopper thread only: block them before any thread starts */
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &signals, NULL);

    queue = msgget(key, IPC_CREAT | IPC_EXCL | 0600);
    if (queue == -1) {
        if (errno == EEXIST) {
            fprintf(stderr, "order-daemon: a queue with key 0x%08x exists: another daemon runs, or one"
                    " was killed (ipcrm -Q 0x%08x removes its queue)\n", (unsigned) key, (unsigned) key);
        } else {
            perror("order-daemon: msgget");
        }
        return 1;
    }
    pthread_t stopper;
    int error = pthread_create(&stopper, NULL, stop_on_signal, &signals);
    if (error != 0) {
        fprintf(stderr, "order-daemon: pthread_create: %s\n", strerror(error));
        msgctl(queue, IPC_RMID, NULL);
        return 1;
    }
    printf("order-daemon: ready, queue %d, struct order of %zu bytes\n", queue, sizeof(struct order));

    int status = price_orders();
    if (status != 0) {
        msgctl(queue, IPC_RMID, NULL);
        return status;
    }
    pthread_join(stopper, NULL);
    printf("order-daemon: stopped, queue removed\n");
    return 0;
}
