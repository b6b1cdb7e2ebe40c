package org.sysvipc.bench;

import java.util.Locale;

/** The extra result field that shows how much the timed loop allocated per op. */
final class Allocation {
    private Allocation() {
    }

    /** {@code alloc_bytes_per_op=<bytes>}, from the bytes the parent's timed loop allocated. */
    static String field(long bytes, long ops) {
        return String.format(Locale.ROOT, "alloc_bytes_per_op=%.2f", (double) bytes / ops);
    }
}
