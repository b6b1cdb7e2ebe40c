package com.example.counters;

import java.nio.file.Path;
import org.sysvipc.IpcKey;
import org.sysvipc.OpenMode;
import org.sysvipc.SharedMemory;

/**
 * One of several processes that record the requests they handle in a {@link CounterTable} in
 * shared memory. All of them add to the same counters at once; c/counters-report.c prints the
 * totals.
 *
 * <p>Usage: {@code RequestRecorder KEYFILE WORKERS REQUESTS}: the segment's key is
 * {@code ftok(KEYFILE, 'c')}; each recorder waits until WORKERS recorders have started, then
 * records REQUESTS requests.
 */
public final class RequestRecorder {
    private static final long START_TIMEOUT_NANOS = 60_000_000_000L;

    private RequestRecorder() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 3) {
            System.err.println("usage: RequestRecorder KEYFILE WORKERS REQUESTS");
            System.exit(2);
        }
        IpcKey key = IpcKey.ftok(Path.of(args[0]), 'c');
        int workers = Integer.parseInt(args[1]);
        int requests = Integer.parseInt(args[2]);

        // every recorder opens the segment, and the first one creates it: a new one is all zeros
        SharedMemory memory = SharedMemory.open(key, OpenMode.CREATE, 0600, CounterTable.LAYOUT.byteSize());
        try (SharedMemory.Attachment attachment = memory.attach()) {
            CounterTable table = new CounterTable(attachment.segment());
            long number = table.add(Counter.WORKERS, 1) + 1;
            awaitWorkers(table, workers);
            for (int request = 0; request < requests; request++) {
                table.add(Counter.REQUESTS, 1);
                table.add(Counter.BYTES, request % 1000 + 1);
                if (request % 10 == 9) {
                    table.add(Counter.ERRORS, 1);
                }
            }
            System.out.printf("recorder %d of %d: %d requests recorded%n", number, workers, requests);
        }
    }

    /** The start line: all recorders then add at the same time, which is what the example shows. */
    private static void awaitWorkers(CounterTable table, int workers) throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT_NANOS;
        while (table.get(Counter.WORKERS) < workers) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("only " + table.get(Counter.WORKERS) + " of " + workers
                        + " recorders started within a minute");
            }
            Thread.sleep(1);
        }
    }
}
