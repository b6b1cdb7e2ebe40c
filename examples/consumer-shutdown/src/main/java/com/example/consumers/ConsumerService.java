package com.example.consumers;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.sysvipc.IpcInterruptedException;
import org.sysvipc.IpcKey;
import org.sysvipc.IpcRemovedException;
import org.sysvipc.php.PhpFormatException;
import org.sysvipc.php.PhpMessageQueue;

/**
 * Consumes the jobs PHP producers (php/producer.php) send with {@code msg_send}, on virtual
 * threads, and stops without losing one: on SIGTERM or Ctrl-C, or after a number of jobs, it
 * interrupts its consumers with {@code shutdownNow()}. A consumer waiting for a job stops having
 * taken none; one handling a job finishes it first. Every job sent is then handled once or still
 * in the queue, for the service's next run.
 *
 * <p>Usage: {@code ConsumerService KEYFILE [MAX_JOBS]}; the queue's key is {@code ftok(KEYFILE, 'c')}.
 */
public final class ConsumerService {
    /** The message type of jobs. */
    static final long JOB = 1;
    /** The largest job accepted, in bytes. */
    static final int MAX_JOB_BYTES = 8192;
    /** How many jobs are handled at once. */
    static final int CONSUMERS = 4;

    private final PhpMessageQueue jobs;
    private final long maxJobs;
    private final AtomicLong handled = new AtomicLong();
    /** Completed, with the reason, when the service is to stop. */
    private final CompletableFuture<String> stop = new CompletableFuture<>();

    private ConsumerService(PhpMessageQueue jobs, long maxJobs) {
        this.jobs = jobs;
        this.maxJobs = maxJobs;
    }

    /**
     * Runs the service until SIGTERM or Ctrl-C, until it has handled MAX_JOBS jobs, or until its
     * queue is removed.
     *
     * @param args the key file, and optionally MAX_JOBS
     */
    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2 || args.length == 2 && !args[1].matches("[1-9][0-9]{0,17}")) {
            System.err.println("usage: ConsumerService KEYFILE [MAX_JOBS]");
            System.exit(2);
        }
        // the queue outlives the service, as msg_get_queue makes it: jobs sent meanwhile wait for its next run
        PhpMessageQueue jobs = PhpMessageQueue.open(IpcKey.ftok(Path.of(args[0]), 'c'), 0600);
        new ConsumerService(jobs, args.length == 2 ? Long.parseLong(args[1]) : Long.MAX_VALUE).run();
    }

    private void run() {
        Thread main = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.complete("the JVM is shutting down (SIGTERM or Ctrl-C)");
            joinUninterruptibly(main); // the JVM ends once the consumers have stopped
        }));
        System.out.printf("consumer-service: ready, queue %d, %d consumers%n", jobs.queue().id(), CONSUMERS);
        try (ExecutorService consumers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int consumer = 1; consumer <= CONSUMERS; consumer++) {
                int number = consumer;
                consumers.submit(() -> consume(number));
            }
            System.out.println("consumer-service: stopping: " + stop.join());
            consumers.shutdownNow(); // interrupts every consumer
        } // close() waits until each has finished its job and stopped
        String left;
        try {
            left = jobs.queue().stat().messageCount() + " left in the queue";
        } catch (IpcRemovedException e) {
            left = "the queue was removed";
        }
        System.out.printf("consumer-service: stopped; %d jobs handled, %s%n", handled.get(), left);
    }

    /** The consumer loop: it ends on interrupt, having lost no job. */
    private void consume(int consumer) {
        try {
            while (true) {
                try {
                    // waits for a job; interrupted, it throws, having taken nothing
                    Object job = jobs.receive(JOB, MAX_JOB_BYTES, true, PhpMessageQueue.MSG_NOERROR).value();
                    // a job taken is finished before the loop waits again, even if interrupted meanwhile
                    handle(consumer, Job.from(job));
                } catch (PhpFormatException | IllegalArgumentException e) {
                    System.err.printf("consumer %d: dropped a message that is no job: %s%n", consumer, e.getMessage());
                }
            }
        } catch (IpcInterruptedException e) {
            System.out.printf("consumer %d: stopped, nothing taken%n", consumer);
        } catch (IpcRemovedException e) {
            System.out.printf("consumer %d: stopped, the queue was removed%n", consumer);
            stop.complete("the queue was removed");
        }
    }

    /**
     * Handles a job to its end. Its work, a sleep here, stands for a database write or a call to
     * another service: if {@code shutdownNow()} interrupts it, the job is finished all the same and
     * the interrupt kept for the loop, whose next receive then throws at once.
     */
    private void handle(int consumer, Job job) {
        boolean interrupted = false;
        long end = System.nanoTime() + job.work().toNanos();
        for (long left = job.work().toNanos(); left > 0; left = end - System.nanoTime()) {
            try {
                TimeUnit.NANOSECONDS.sleep(left);
            } catch (InterruptedException e) {
                interrupted = true; // finish the job first
            }
        }
        long count = handled.incrementAndGet();
        System.out.printf("consumer %d: handled job %s%s%n", consumer, job.id(),
                interrupted ? " (interrupted meanwhile: finished it first)" : "");
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (count == maxJobs) {
            stop.complete(count + " jobs handled");
        }
    }

    private static void joinUninterruptibly(Thread thread) {
        while (true) {
            try {
                thread.join();
                return;
            } catch (InterruptedException e) {
                // nothing interrupts a shutdown hook; wait on
            }
        }
    }
}
