package com.example.jobs;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.sysvipc.IpcKey;
import org.sysvipc.IpcRemovedException;
import org.sysvipc.MessageQueue;
import org.sysvipc.OpenMode;
import org.sysvipc.php.PhpFormatException;
import org.sysvipc.php.PhpMessage;
import org.sysvipc.php.PhpMessageQueue;

/**
 * Serves the invoice jobs PHP workers (php/worker.php) send with {@code msg_send}, and replies so
 * that their {@code msg_receive} reads the answer as a PHP array.
 *
 * <p>Jobs come as messages of type {@link #JOB}, each a serialized PHP array with an {@code 'op'}:
 * {@code 'invoice'} (see {@link Invoice}) or {@code 'stop'}. The reply to a job goes back with the
 * job's {@code 'reply_to'} as its type: the worker's pid, so that each worker receives its own.
 *
 * <p>Usage: {@code JobService KEYFILE}; the queue's key is {@code ftok(KEYFILE, 'j')}.
 */
public final class JobService {
    /** The message type of jobs. */
    static final long JOB = 1;
    /** The largest job accepted, in bytes. */
    static final int MAX_JOB_BYTES = 8192;

    private JobService() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: JobService KEYFILE");
            System.exit(2);
        }
        // the service owns the queue: it creates it, refusing one that exists, and removes it when
        // the JVM ends, after a 'stop' job as on Ctrl-C, SIGTERM or an error
        MessageQueue queue = MessageQueue.open(IpcKey.ftok(Path.of(args[0]), 'j'), OpenMode.CREATE_NEW, 0600);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> removeIfPresent(queue)));
        System.out.println("job-service: ready, queue " + queue.id());
        serve(PhpMessageQueue.of(queue));
    }

    private static void removeIfPresent(MessageQueue queue) {
        try {
            queue.remove();
        } catch (IpcRemovedException removedAlready) {
            // by ipcrm, say: nothing left to do
        }
    }

    private static void serve(PhpMessageQueue jobs) {
        Set<Long> workers = new HashSet<>();
        int invoices = 0;
        while (true) {
            PhpMessage message;
            try {
                // MSG_NOERROR: a job above the maximum is cut short and dropped below, instead of
                // failing with E2BIG and staying at the head of the queue
                message = jobs.receive(JOB, MAX_JOB_BYTES, true, PhpMessageQueue.MSG_NOERROR);
            } catch (PhpFormatException e) {
                System.err.println("job-service: dropped a message that is not a serialized PHP value: " + e.getMessage());
                continue;
            } catch (IpcRemovedException e) {
                System.out.println("job-service: the queue was removed, stopped");
                return;
            }
            if (!(message.value() instanceof Map<?, ?> job)) {
                System.err.println("job-service: dropped a job that is not an array: " + message.value());
                continue;
            }
            String op = job.get("op") instanceof String s ? s : "";
            if (op.equals("stop")) {
                System.out.printf("job-service: stopped; %d invoices, %d workers%n", invoices, workers.size());
                return;
            }
            if (!(job.get("reply_to") instanceof Long replyTo && replyTo > 0)) {
                System.err.println("job-service: dropped a job without a reply_to: " + job);
                continue;
            }
            Map<String, Object> reply;
            if (op.equals("invoice")) {
                try {
                    Invoice invoice = Invoice.from(job);
                    reply = Map.of("id", invoice.id(), "customer", invoice.customer(),
                            "items", invoice.items(), "total", invoice.total());
                    invoices++;
                    workers.add(replyTo);
                } catch (IllegalArgumentException e) {
                    reply = Map.of("error", "not an invoice: " + e.getMessage());
                }
            } else {
                reply = Map.of("error", "no such op: '" + op + "'");
            }
            jobs.send(replyTo, reply);
        }
    }
}
