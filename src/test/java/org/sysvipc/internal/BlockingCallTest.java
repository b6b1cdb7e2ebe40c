package org.sysvipc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sysvipc.Fifo;
import org.sysvipc.testing.FifoReaders;
import org.sysvipc.testing.ThreadKind;

/**
 * A channel's cancellation of a {@link BlockingCall} that comes before the call starts: a close
 * that found its thread between two calls (a FIFO writer between the write that found the pipe
 * full and its wait for room) must end the wait as it starts, on platform threads (made directly)
 * as on virtual ones (through a waiter); another canceller's request must not.
 */
class BlockingCallTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void aChannelsCancellationBeforeTheWaitStartsEndsItAsItStarts(ThreadKind kind) throws Exception {
        withFullPipe((fd, reader) -> {
            Object channel = new Object();
            long result = onThread(kind, call -> {
                assertFalse(call.cancel(channel), "no call in progress to cancel");
                return call.awaitRoom(fd, channel);
            }).get(60, TimeUnit.SECONDS);
            assertEquals(BlockingCall.INTERRUPTED, result);
        });
    }

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void anotherCancellersEarlierRequestLeavesTheWaitToItsRoom(ThreadKind kind) throws Exception {
        withFullPipe((fd, reader) -> {
            CompletableFuture<Long> waited = onThread(kind, call -> {
                call.cancel(new Object());
                return call.awaitRoom(fd, new Object());
            });
            Thread.sleep(200); // most likely waiting by then; if not, it finds the room at once
            assertFalse(waited.isDone(), "waits while the pipe is full: " + waited);
            reader.read(ByteBuffer.allocate(65536));
            assertTrue(waited.get(60, TimeUnit.SECONDS) > 0, "room once the reader read");
        });
    }

    private interface PipeTest {
        void run(int fd, FileChannel reader) throws Exception;
    }

    private interface Call {
        long make(BlockingCall call);
    }

    /** Runs {@code test} with the writing end of a FIFO (O_NONBLOCK) whose pipe is full, and its reader. */
    private void withFullPipe(PipeTest test) throws Exception {
        Fifo fifo = Fifo.create(dir.resolve("fifo"), 0600);
        CompletableFuture<FileChannel> opening = FifoReaders.opening(fifo);
        try (Arena arena = Arena.ofConfined()) {
            int fd = (int) Syscalls.open(arena.allocateFrom(fifo.path().toString()), Constants.O_WRONLY | Constants.O_CLOEXEC);
            assertTrue(fd >= 0, "open: " + fd);
            try (FileChannel reader = opening.get(60, TimeUnit.SECONDS)) {
                assertEquals(0, Syscalls.setNonBlocking(fd));
                MemorySegment bytes = arena.allocate(65536);
                while (Syscalls.writeNow(fd, bytes.address(), bytes.byteSize()) > 0) {
                    // fill the pipe
                }
                assertEquals(-ErrnoNumbers.EAGAIN, Syscalls.writeNow(fd, bytes.address(), 1), "the pipe is full");
                test.run(fd, reader);
            } finally {
                Syscalls.close(fd);
            }
        }
    }

    private static CompletableFuture<Long> onThread(ThreadKind kind, Call call) {
        CompletableFuture<Long> result = new CompletableFuture<>();
        kind.start("calling", () -> {
            try {
                result.complete(call.make(BlockingCall.current()));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result;
    }
}
