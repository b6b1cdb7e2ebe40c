package com.example.counters;

/**
 * The counters of the table, in the order of their slots: the same order as
 * {@code enum counter} in c/counters-report.c.
 */
enum Counter {
    /** Recorders that have started. */
    WORKERS,
    /** Requests recorded. */
    REQUESTS,
    /** Bytes those requests carried. */
    BYTES,
    /** Requests that failed. */
    ERRORS
}
