package org.sysvipc.tools.soak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.sysvipc.IpcKey;
import org.sysvipc.tools.Main.UsageException;

/**
 * A worker process of the soak: one producer or consumer of one lane, started with the hidden
 * command {@value #COMMAND} and a {@link WorkerLaunch}. It reports through its slot of the
 * scoreboard only; it writes to stderr only when it fails, and then exits with status 1. It ends
 * when the soak's end of its stdin closes, however the soak ended, so that none outlives it.
 */
public final class SoakWorker {
    /** The hidden command of the jar that runs a worker. */
    public static final String COMMAND = "soak-worker";

    private SoakWorker() {
    }

    /**
     * Runs the worker {@code args} describe until the soak stops it.
     *
     * @param args the worker's {@link WorkerLaunch} arguments
     * @return the exit status, 0
     * @throws UsageException if {@code args} describe no worker
     */
    public static int run(List<String> args) {
        WorkerLaunch launch;
        try {
            launch = WorkerLaunch.parse(args);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        exitWithSoak();
        try (Scoreboard board = Scoreboard.attach(launch.scoreboardId())) {
            WorkerSlot slot = board.slot(launch.slot());
            slot.identify(ProcessHandle.current().pid(), currentThreadId());
            WorkerSpec spec = launch.spec();
            BooleanSupplier stopped = spec.isProducer() ? board::producersStopped : board::consumersStopped;
            LaneEndpoint lane = endpoint(launch, slot, new BlockingCalls(slot));
            if (!lane.reopen(stopped)) {
                return 0;
            }
            slot.ready();
            if (spec.isProducer()) {
                new ProducerLoop(board, slot, lane, launch.producerNumber(), spec, launch.injection()).run();
            } else {
                new ConsumerLoop(board, slot, lane, spec, launch.injection()).run();
            }
        }
        return 0;
    }

    /** Makes the endpoint of the lane's kind: the place to add a kind of lane. */
    private static LaneEndpoint endpoint(WorkerLaunch launch, WorkerSlot slot, BlockingCalls calls) {
        List<String> args = launch.laneArguments();
        return switch (launch.laneKind()) {
            case QueueLane.KIND -> new QueueEndpoint(key(args, 0), calls);
            case RingLane.KIND -> new RingEndpoint(key(args, 0), key(args, 1), slot, calls, launch.spec().timedLock());
            case ChannelLane.KIND -> new ChannelEndpoint(key(args, 0), calls, !launch.spec().isProducer(),
                    launch.spec().timedLock());
            default -> throw new IllegalArgumentException("no kind of lane " + launch.laneKind());
        };
    }

    private static IpcKey key(List<String> args, int index) {
        if (index >= args.size()) {
            throw new IllegalArgumentException("the lane needs more arguments than " + args);
        }
        return IpcKey.of(Integer.parseInt(args.get(index)));
    }

    /** {@return the kernel's id of this thread, which the soak signals with tgkill} */
    private static long currentThreadId() {
        try {
            // "PID/task/TID"
            return Long.parseLong(Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/thread-self", e);
        }
    }

    /** Ends this JVM when the soak's end of stdin closes: when the soak ends in any way, even by SIGKILL. */
    private static void exitWithSoak() {
        Thread watcher = new Thread(() -> {
            try {
                while (System.in.read() != -1) {
                    // the soak writes nothing
                }
            } catch (IOException ignored) {
                // as good as the end of the stream
            }
            Runtime.getRuntime().halt(3);
        }, "soak-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }
}
