package org.sysvipc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sysvipc.testing.FifoReaders;
import org.sysvipc.testing.KernelWaits;
import org.sysvipc.testing.ThreadKind;

/**
 * A FIFO's writer when the pipe is full: its writing end never waits in write(2) (O_NONBLOCK), so a
 * write larger than the pipe goes on in parts, and a writer waits for room in poll(2), which an
 * interrupt or a close ends as they end a read, on platform and virtual threads, losing no byte.
 */
class FifoWriterWaitsTest {
    /** The kernel function a poll that waits sleeps in, as /proc's wchan names it. */
    private static final String[] POLL = {"poll_schedule_timeout", "poll_schedule_timeout.constprop.0", "do_sys_poll"};
    /** More than a pipe holds (64 KiB by default, at most fs.pipe-max-size, 1 MiB by default). */
    private static final int MORE_THAN_A_PIPE = 4 << 20;

    @TempDir
    Path dir;

    /** How a test ends a write that waits: on the thread writing, or on its channel. */
    private interface Ending {
        void end(Thread writing, FileChannel channel) throws IOException;
    }

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void aWriteWaitingForRoomEndsOnInterruptClosingTheChannelAndLosesNoByte(ThreadKind kind) throws Exception {
        writesWaitingForRoomEnd(kind, (writing, channel) -> writing.interrupt(), ClosedByInterruptException.class, true);
    }

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void closingTheChannelEndsAnotherThreadsWriteWaitingForRoomAndLosesNoByte(ThreadKind kind) throws Exception {
        writesWaitingForRoomEnd(kind, (writing, channel) -> channel.close(), AsynchronousCloseException.class, false);
    }

    /**
     * A write larger than the pipe fills it and waits; {@code ending} ends it, and it returns what it
     * wrote. A second writer's write then waits at once; {@code ending} makes it throw {@code thrown}
     * having written nothing. The reader gets exactly the first write's bytes.
     */
    private void writesWaitingForRoomEnd(ThreadKind kind, Ending ending, Class<? extends Throwable> thrown,
            boolean interrupts) throws Exception {
        Fifo fifo = Fifo.create(dir.resolve("fifo"), 0600);
        byte[] bytes = pattern(MORE_THAN_A_PIPE);
        CompletableFuture<FileChannel> reader = FifoReaders.opening(fifo);
        try (FileChannel first = fifo.openWriter(); FileChannel in = reader.get(60, TimeUnit.SECONDS)) {
            Writing partial = Writing.start(kind, first, ByteBuffer.wrap(bytes));
            awaitWaitingForRoom(kind);
            ending.end(partial.thread, first);
            int written = assertInstanceOf(Integer.class, partial.outcome.get(60, TimeUnit.SECONDS),
                    "a write that moved bytes returns them, though the channel was closed meanwhile");
            assertTrue(written > 0 && written < bytes.length, "wrote a part: " + written);
            assertFalse(first.isOpen());
            assertEquals(interrupts, partial.interruptStatus.get(60, TimeUnit.SECONDS), "the interrupt status stays set");

            try (FileChannel second = fifo.openWriter()) {
                Writing none = Writing.start(kind, second, ByteBuffer.wrap(new byte[] {1, 2, 3}));
                awaitWaitingForRoom(kind);
                ending.end(none.thread, second);
                assertInstanceOf(thrown, none.outcome.get(60, TimeUnit.SECONDS));
                assertFalse(second.isOpen());
            }
            assertArrayEquals(Arrays.copyOf(bytes, written), readToEnd(in),
                    "the reader gets the first write's bytes, and nothing of the second");
        }
    }

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void writesLargerThanThePipeArriveWholeAndInOrder(ThreadKind kind) throws Exception {
        Fifo fifo = Fifo.create(dir.resolve("fifo"), 0600);
        byte[] bytes = pattern(MORE_THAN_A_PIPE);
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
            try (FileChannel in = fifo.openReader()) {
                return readToEnd(in);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        try (FileChannel out = fifo.openWriter()) {
            Writing heap = Writing.start(kind, out, ByteBuffer.wrap(bytes));
            assertEquals(bytes.length, heap.outcome.get(60, TimeUnit.SECONDS), "a heap buffer's write");
            Writing fromDirect = Writing.start(kind, out, direct);
            assertEquals(bytes.length, fromDirect.outcome.get(60, TimeUnit.SECONDS), "a direct buffer's write");
        }
        byte[] twice = Arrays.copyOf(bytes, 2 * bytes.length);
        System.arraycopy(bytes, 0, twice, bytes.length, bytes.length);
        assertArrayEquals(twice, read.get(60, TimeUnit.SECONDS));
    }

    /** One write on a thread of its own: its outcome is the count it returned, or what it threw. */
    private record Writing(Thread thread, CompletableFuture<Object> outcome, CompletableFuture<Boolean> interruptStatus) {
        static Writing start(ThreadKind kind, FileChannel channel, ByteBuffer bytes) {
            CompletableFuture<Object> outcome = new CompletableFuture<>();
            CompletableFuture<Boolean> status = new CompletableFuture<>();
            Thread thread = kind.start("writing", () -> {
                try {
                    outcome.complete(channel.write(bytes));
                } catch (Throwable t) {
                    outcome.complete(t);
                }
                status.complete(Thread.currentThread().isInterrupted());
            });
            return new Writing(thread, outcome, status);
        }
    }

    /** Waits until the write sleeps in poll: on a platform thread the thread itself, on a virtual thread a waiter. */
    private static void awaitWaitingForRoom(ThreadKind kind) {
        KernelWaits.awaitThreadNamedIn(ProcessHandle.current().pid(),
                kind == ThreadKind.PLATFORM ? "writing" : "sysvipc-waiter-", POLL);
    }

    private static byte[] readToEnd(FileChannel in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(65536);
        while (in.read(buffer.clear()) >= 0) {
            all.write(buffer.array(), 0, buffer.position());
        }
        return all.toByteArray();
    }

    private static byte[] pattern(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + (i >> 8));
        }
        return bytes;
    }
}
