package org.sysvipc.tools.soak;

import static org.sysvipc.tools.soak.WorkerSpec.burstProducer;
import static org.sysvipc.tools.soak.WorkerSpec.consumer;
import static org.sysvipc.tools.soak.WorkerSpec.pacedProducer;
import static org.sysvipc.tools.soak.WorkerSpec.producer;

import java.io.PrintStream;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.sysvipc.IpcException;
import org.sysvipc.tools.Main.UsageException;

/**
 * The soak: for {@code --seconds N} it drives producer and consumer processes through message
 * queues and a semaphore-guarded ring in shared memory while it interrupts their blocked calls
 * with signals, keeps a queue full, kills lock holders and consumers with SIGKILL, and removes
 * and recreates the objects under them. Then it settles the accounts of every message and prints
 * a {@link SoakReport}; the exit status is 0 only if nothing was lost, duplicated or corrupted.
 *
 * <p>Its workers are child JVMs ({@link SoakWorker}) that report through a shared
 * {@link Scoreboard}. Its shutdown hook, and failing that its {@link Janitor}, remove every object
 * it made, however it ends; it makes no files.
 */
public final class Soak {
    /** How long the faults go on without {@code --seconds}. */
    public static final int DEFAULT_SECONDS = SoakOptions.DEFAULT_SECONDS;

    /** Between faults. */
    private static final Duration STEP = Duration.ofMillis(500);
    private static final Duration SAMPLE = Duration.ofMillis(10);
    private static final Duration PROGRESS = Duration.ofSeconds(10);
    private static final Duration READY_WAIT = Duration.ofMinutes(2);
    private static final Duration STOP_WAIT = Duration.ofMinutes(1);
    private static final long DRAIN_PERIOD_MILLIS = 2;
    private static final int CHANNEL_BURST = 48;
    private static final long CHANNEL_PAUSE_MICROS = 30_000, CHANNEL_CONSUMER_PAUSE_MICROS = 50;

    private final SoakOptions options;
    private final PrintStream out;
    private final SoakLog log;
    private final Lifecycle lifecycle = new Lifecycle();
    private final Accounting accounting = new Accounting();
    private final Observations seen = new Observations();
    private final List<Lane> lanes;
    private Janitor janitor;
    private Scoreboard board;
    private Workers workers;

    private Soak(SoakOptions options, PrintStream out, PrintStream err) {
        this.options = options;
        this.out = out;
        this.log = new SoakLog(err, options.verbose());
        this.lanes = lanes(log, seen);
    }

    /**
     * Runs the soak the options ask for and prints its report on {@code out}.
     *
     * @param args the soak's options
     * @param out  where the progress and the report go
     * @param err  where the verbose log and problems go
     * @return the exit status: 0 if the soak passed, 1 if not
     * @throws org.sysvipc.tools.Main.UsageException if the options make no sense
     */
    public static int run(List<String> args, PrintStream out, PrintStream err) throws InterruptedException {
        return new Soak(SoakOptions.parse(args), out, err).run();
    }

    /**
     * The lanes and their workers: a queue kept full, a queue kept nearly empty, the ring, and a
     * channel whose producers send bursts faster than its consumer takes them, then pause longer
     * than it needs to empty the ring: sends wait on a full ring, receives on an empty one.
     */
    private static List<Lane> lanes(SoakLog log, Observations seen) {
        return List.of(
                new QueueLane("queue-full", List.of(producer(false), producer(false), consumer(100, false)), log),
                new QueueLane("queue-starved", List.of(pacedProducer(4, 2000), consumer(0, false), consumer(0, false)), log),
                new RingLane("ring", List.of(producer(false), producer(true), consumer(0, false), consumer(0, true)), log),
                new ChannelLane("channel", List.of(burstProducer(CHANNEL_BURST, CHANNEL_PAUSE_MICROS, false),
                        burstProducer(CHANNEL_BURST, CHANNEL_PAUSE_MICROS, true), consumer(CHANNEL_CONSUMER_PAUSE_MICROS, false)),
                        log, seen));
    }

    private int run() throws InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(this::closeAll, "soak-cleanup"));
        try {
            janitor = Janitor.start();
            log.note("started janitor process " + janitor.pid());
            board = lifecycle.ifOpen(() -> Scoreboard.create(placements().size()));
            janitor.track(List.of("shm-id:" + board.memory().id()));
            log.note("created shared memory segment " + board.memory().id() + " (IPC_PRIVATE) for the scoreboard");
            for (Lane lane : lanes) {
                lifecycle.ifOpen(lane::create);
                janitor.track(lane.leftovers());
            }
            workers = new Workers(board, placements(), accounting, seen, lifecycle, log);
            out.printf("# soak: %d worker processes on %s for %d s%n", workers.size(), describeLanes(), options.seconds());
            long warmUp = System.nanoTime();
            workers.startAll();
            if (!workers.awaitReady(READY_WAIT)) {
                log.warn("the workers did not all start within " + READY_WAIT.toSeconds() + " s");
                return 1;
            }
            out.printf(Locale.ROOT, "# all workers ready after %.1f s; faults start%n", (System.nanoTime() - warmUp) / 1e9);
            log.note("faults start");
            SoakReport report = faultsThenReport();
            out.print(report.format());
            return report.passed() ? 0 : 1;
        } catch (RuntimeException e) {
            if (lifecycle.isClosed()) {
                return 1; // the shutdown hook removed what this thread was using: an interrupted run, not a failure to report
            }
            throw e;
        } finally {
            closeAll();
        }
    }

    /** Causes faults for the run's seconds, stops the workers, settles the accounts. */
    private SoakReport faultsThenReport() throws InterruptedException {
        Signaller signaller = new Signaller(workers);
        Thread signals = Thread.ofPlatform().daemon().name("soak-signaller").start(signaller);
        Thread drainer = Thread.ofPlatform().daemon().name("soak-ledgers").start(this::drainLedgers);
        Chaos chaos = new Chaos(lanes, workers, lifecycle, seen, this::drained, log);
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(options.seconds());
        long nextStep = start + STEP.toNanos();
        long nextProgress = start + PROGRESS.toNanos();
        for (long now = start; now - end < 0; now = System.nanoTime()) {
            if (now - nextStep >= 0) {
                chaos.step();
                workers.replaceFailed();
                nextStep = System.nanoTime() + STEP.toNanos();
            }
            for (Lane lane : lanes) {
                seen.sampled(lane.name(), lane.isFull());
            }
            if (now - nextProgress >= 0) {
                progress(now - start, signaller);
                nextProgress += PROGRESS.toNanos();
            }
            TimeUnit.NANOSECONDS.sleep(SAMPLE.toNanos());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        signaller.stop();
        signals.join();
        log.note("faults end; stopping the workers");
        board.stopProducers();
        board.stopConsumers();
        for (Lane lane : lanes) {
            lifecycle.ifOpen(() -> lane.retire(this::drained));
        }
        workers.awaitAllEnded(STOP_WAIT);
        drainer.interrupt();
        drainer.join();
        for (CallKind kind : CallKind.values()) {
            seen.add(kind, signaller.counts(kind));
        }
        return SoakReport.of(seconds, workers.size(), lanes.stream().map(Lane::name).toList(), accounting.tally(), seen);
    }

    /**
     * Every lane's workers in order, with each defect asked for planted in the first worker that
     * can plant it, in a lane of its own: a planted loss must not swallow the planted corruption.
     */
    private List<Workers.Placement> placements() {
        List<Injection> left = new ArrayList<>(options.injections());
        left.sort(null); // in declaration order, so that each run plants the same way
        List<Workers.Placement> placements = new ArrayList<>();
        for (Lane lane : lanes) {
            boolean planted = false;
            for (WorkerSpec spec : lane.workers()) {
                Injection injection = planted ? Injection.NONE : left.stream()
                        .filter(i -> i.byProducer() == spec.isProducer()).findFirst().orElse(Injection.NONE);
                left.remove(injection);
                planted |= injection != Injection.NONE;
                placements.add(new Workers.Placement(lane, spec, injection));
            }
        }
        if (!left.isEmpty()) {
            throw new UsageException("no lane is left to plant " + left + " in");
        }
        return placements;
    }

    /** Records a message the soak took out of a lane before removing it, as a consumer would. */
    private void drained(MemorySegment message, long length) {
        boolean intact = SoakMessage.isIntact(message, length);
        if (intact) {
            seen.latency(System.nanoTime() - SoakMessage.sentNanosOf(message));
        }
        accounting.received(SoakMessage.idOf(message) | (intact ? 0 : Ledger.CORRUPTED));
    }

    private void drainLedgers() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                workers.drainLedgers();
                TimeUnit.MILLISECONDS.sleep(DRAIN_PERIOD_MILLIS);
            }
        } catch (InterruptedException stop) {
            // the soak's end
        }
    }

    private void progress(long nanos, Signaller signaller) {
        long removals = seen.removals().values().stream().mapToLong(Long::longValue).sum();
        out.printf(Locale.ROOT, "# %d s: %,d messages received; %,d workers started; %,d removals; %,d signals%n",
                TimeUnit.NANOSECONDS.toSeconds(nanos), accounting.receipts(),
                seen.count(Observations.Count.WORKERS_STARTED), removals, signaller.signalsSent());
    }

    private String describeLanes() {
        List<String> described = new ArrayList<>();
        for (Lane lane : lanes) {
            long producers = lane.workers().stream().filter(WorkerSpec::isProducer).count();
            described.add(lane.name() + " (" + producers + " -> " + (lane.workers().size() - producers) + ")");
        }
        return String.join(", ", described);
    }

    /**
     * Ends every worker and removes every object, once, whether the soak ended normally, failed or
     * was interrupted (the shutdown hook); then dismisses the janitor.
     */
    private void closeAll() {
        lifecycle.close(() -> {
            if (workers != null) {
                workers.killAll();
            }
            for (Lane lane : lanes) {
                lane.removeQuietly();
            }
            if (board != null) {
                try {
                    board.memory().remove();
                    log.note("removed shared memory segment " + board.memory().id() + " (the scoreboard)");
                } catch (IpcException gone) {
                    // removed already
                }
            }
            if (janitor != null) {
                janitor.dismiss();
            }
        });
    }
}
