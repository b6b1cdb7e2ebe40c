package org.sysvipc.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sysvipc.Fifo;

/**
 * {@code fifo_pingpong}: two FIFOs in a fresh {@code /tmp/sysvbench.*} directory, {@code down}
 * (parent to child) and {@code up}; the same exchange as msg_pingpong, reads looped until
 * {@code size} bytes arrived. One op is one round trip.
 */
final class FifoPingPong {
    private FifoPingPong() {
    }

    static String parent(Run run) throws IOException, InterruptedException {
        Path directory = run.own(Files.createTempDirectory(Path.of("/tmp"), "sysvbench."));
        Fifo down = Fifo.create(run.own(directory.resolve("down")), 0600);
        Fifo up = Fifo.create(run.own(directory.resolve("up")), 0600);
        run.startChild(run.bench, down.path().toString(), up.path().toString());
        long nanos;
        long allocated;
        try (FileChannel out = down.openWriter(); FileChannel in = up.openReader()) {
            ByteBuffer buffer = ByteBuffer.allocateDirect(run.size);
            while (buffer.hasRemaining()) {
                buffer.put((byte) 'f');
            }
            roundTrips(out, in, buffer, run.warmup);
            allocated = Run.allocatedBytes();
            long start = System.nanoTime();
            roundTrips(out, in, buffer, run.n);
            nanos = System.nanoTime() - start;
            allocated = Run.allocatedBytes() - allocated;
        }
        run.awaitChild();
        return SysvBench.report(run.bench, run.size, run.n, run.n, run.warmup, nanos,
                Allocation.field(allocated, run.n));
    }

    private static void roundTrips(FileChannel out, FileChannel in, ByteBuffer buffer, long count)
            throws IOException {
        for (long i = 0; i < count; i++) {
            roundTrip(out, in, buffer);
        }
    }

    /** One op in a method of its own, which the JIT compiles after a few thousand warm-up calls. */
    private static void roundTrip(FileChannel out, FileChannel in, ByteBuffer buffer) throws IOException {
        writeFully(out, buffer);
        readFully(in, buffer);
    }

    static void child(Peer peer) throws IOException {
        try (FileChannel in = Fifo.open(peer.path(0)).openReader();
                FileChannel out = Fifo.open(peer.path(1)).openWriter()) {
            ByteBuffer buffer = ByteBuffer.allocateDirect(peer.size);
            for (long i = 0, count = peer.warmup + peer.n; i < count; i++) {
                echo(in, out, buffer);
            }
        }
    }

    private static void echo(FileChannel in, FileChannel out, ByteBuffer buffer) throws IOException {
        readFully(in, buffer);
        writeFully(out, buffer);
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        buffer.clear();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        buffer.clear();
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new BenchFailure("fifo read: peer closed the pipe");
            }
        }
    }
}
