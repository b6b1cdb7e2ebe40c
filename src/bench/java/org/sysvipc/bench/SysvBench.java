package org.sysvipc.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * The Java implementation of the sysvbench protocol (the shared harness's README describes it):
 * {@code version} prints one line naming the implementation, {@code <bench> <n> [<size>]} runs
 * one benchmark and prints one {@code impl=java bench=... ns_per_op=...} line. The peer process
 * is a child JVM running {@code child <bench> ...}, which stands in for the C version's fork.
 *
 * <p>Benchmarks: {@code msg_pingpong}, {@code msg_throughput}, {@code sem_lock_unlock},
 * {@code shm_counter} and {@code fifo_pingpong}, as the harness defines them, the harness's
 * benchmarks beyond the kernel's objects, {@code chan_pingpong} and {@code chan_throughput} (over
 * {@link org.sysvipc.channel.Channel}), and {@code shm_counter_atomic}, the shm_counter exchange
 * with an atomic add instead of the semaphore lock.
 */
public final class SysvBench {
    /** Message types on a benchmark's queue, as every implementation uses them. */
    static final long DATA = 1, REPLY = 2, READY = 3, GO = 4, DONE = 5;
    /**
     * Java's own, untimed: the child JVM is up. A forked C child is up at once; a child JVM takes a
     * while, and a parent that warmed up alone would warm up other code than the timed part runs.
     */
    static final long STARTED = 6;
    /** The receive capacity of every implementation: Linux's default msgmax. */
    static final int MAX_MESSAGE = 8192;

    private SysvBench() {
    }

    public static void main(String[] args) {
        boolean child = args.length > 0 && args[0].equals("child");
        try {
            if (child) {
                runChild(Arrays.copyOfRange(args, 1, args.length));
            } else {
                runParent(args);
            }
        } catch (Throwable t) {
            fail(child ? "child" : "parent", t);
        }
        System.out.flush();
        System.exit(0);
    }

    private static void runParent(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("version")) {
            System.out.println(version());
            return;
        }
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: sysvbench version | <bench> <n> [<size>]");
            System.exit(2);
        }
        String bench = args[0];
        long n = Long.parseLong(args[1]);
        int size = args.length == 3 ? Integer.parseInt(args[2]) : 64;
        if (n <= 0 || size <= 0 || size > MAX_MESSAGE) {
            throw new BenchFailure("bad n=" + n + " or size=" + size);
        }
        Run run = new Run(bench, n, size);
        String line;
        try {
            line = switch (bench) {
                case "msg_pingpong" -> MsgPingPong.parent(run);
                case "msg_throughput" -> MsgThroughput.parent(run);
                case "sem_lock_unlock" -> SemLockUnlock.parent(run);
                case "shm_counter" -> ShmCounter.parent(run, false);
                case "shm_counter_atomic" -> ShmCounter.parent(run, true);
                case "fifo_pingpong" -> FifoPingPong.parent(run);
                case "chan_pingpong" -> ChanPingPong.parent(run);
                case "chan_throughput" -> ChanThroughput.parent(run);
                default -> throw new BenchFailure("unknown bench '" + bench + "'");
            };
        } finally {
            run.cleanup();
        }
        System.out.println(line);
    }

    /** {@code child <bench> <n> <size> <object ids or paths...>}. */
    private static void runChild(String[] args) throws Exception {
        String bench = args[0];
        long n = Long.parseLong(args[1]);
        int size = Integer.parseInt(args[2]);
        String[] objects = Arrays.copyOfRange(args, 3, args.length);
        Peer peer = new Peer(n, size, objects);
        try {
            switch (bench) {
                case "msg_pingpong" -> MsgPingPong.child(peer);
                case "msg_throughput" -> MsgThroughput.child(peer);
                case "shm_counter" -> ShmCounter.child(peer, false);
                case "shm_counter_atomic" -> ShmCounter.child(peer, true);
                case "fifo_pingpong" -> FifoPingPong.child(peer);
                case "chan_pingpong" -> ChanPingPong.child(peer);
                case "chan_throughput" -> ChanThroughput.child(peer);
                default -> throw new BenchFailure("unknown child bench '" + bench + "'");
            }
        } catch (Throwable t) {
            // removing the shared objects wakes the parent blocked on them, so it fails at once
            peer.removeShared(t);
            throw t;
        }
    }

    private static String version() {
        String vm = System.getProperty("java.vm.name", "?").replace(' ', '_');
        return "impl=java java=" + Runtime.version() + " vm=" + vm
                + " api=org.sysvipc flags=" + String.join(",", Run.jvmFlags());
    }

    private static void fail(String side, Throwable t) {
        String message = t instanceof BenchFailure ? t.getMessage() : t.toString();
        System.err.println("sysvbench(java)[" + side + "]: " + message);
        if (!(t instanceof BenchFailure)) {
            t.printStackTrace();
        }
        System.err.flush();
        System.exit(1);
    }

    /** The protocol's result line. */
    static String report(String bench, int size, long n, long ops, long warmup, long nanos, String extra) {
        StringBuilder line = new StringBuilder("impl=java bench=").append(bench);
        if (size >= 0) {
            line.append(" size=").append(size);
        }
        line.append(String.format(Locale.ROOT, " n=%d ops=%d warmup=%d seconds=%.6f ns_per_op=%.1f",
                n, ops, warmup, nanos / 1e9, (double) nanos / ops));
        if (!extra.isEmpty()) {
            line.append(' ').append(extra);
        }
        return line.toString();
    }

    static void expectLength(int got, int want) {
        if (got != want) {
            throw new BenchFailure("received " + got + " bytes, expected " + want);
        }
    }
}
