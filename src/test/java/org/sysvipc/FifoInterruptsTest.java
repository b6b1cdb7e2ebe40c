package org.sysvipc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sysvipc.testing.FifoReaders;
import org.sysvipc.testing.Interrupter;
import org.sysvipc.testing.KernelWaits;
import org.sysvipc.testing.ThreadKind;

/**
 * A FIFO's open, read and write end when the thread is interrupted, as the JDK's file channels'
 * reads and writes do (the channel closes), on platform and virtual threads, and lose no byte.
 */
class FifoInterruptsTest {
    /** The kernel functions a read of an empty pipe sleeps in: pipe_read, anon_pipe_read since Linux 6.15. */
    private static final String[] PIPE_READ = {"pipe_read", "anon_pipe_read"};

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void anOpenWaitingForAPeerEndsOnInterruptAndOpensNothing(ThreadKind kind) throws Exception {
        Fifo fifo = Fifo.create(dir.resolve("fifo"), 0600);
        for (boolean reading : new boolean[] {true, false}) {
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            CompletableFuture<Boolean> status = new CompletableFuture<>();
            Thread thread = kind.start("opening", () -> {
                try (FileChannel channel = reading ? fifo.openReader() : fifo.openWriter()) {
                    outcome.complete(null);
                } catch (Throwable t) {
                    outcome.complete(t);
                }
                status.complete(Thread.currentThread().isInterrupted());
            });
            awaitWaiting(kind, "opening", "wait_for_partner");
            thread.interrupt();
            InterruptedIOException e = assertInstanceOf(InterruptedIOException.class, outcome.get(60, TimeUnit.SECONDS));
            assertTrue(e.getMessage().contains(fifo.path().toString()), e.getMessage());
            assertTrue(status.get(), "the interrupt status stays set");
            assertEquals(0, descriptorsOf(fifo.path()), "nothing stays open");
        }
    }

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void aReadWaitingForBytesEndsOnInterruptClosingTheChannelAndTheBytesStayForTheNextReader(ThreadKind kind)
            throws Exception {
        Fifo fifo = Fifo.create(dir.resolve("fifo"), 0600);
        CompletableFuture<FileChannel> reader = FifoReaders.opening(fifo);
        try (FileChannel writer = fifo.openWriter(); FileChannel second = fifo.openReader()) {
            FileChannel first = reader.get(60, TimeUnit.SECONDS);
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            Thread thread = kind.start("reading", () -> {
                try {
                    first.read(ByteBuffer.allocate(16));
                    outcome.complete(null);
                } catch (Throwable t) {
                    outcome.complete(t);
                }
            });
            awaitWaiting(kind, "reading", PIPE_READ);
            thread.interrupt();
            assertInstanceOf(ClosedByInterruptException.class, outcome.get(60, TimeUnit.SECONDS));
            assertFalse(first.isOpen(), "an interrupt closes the channel, as it closes the JDK's");
            assertThrows(ClosedChannelException.class, () -> first.read(ByteBuffer.allocate(1)));
            writer.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
            ByteBuffer bytes = ByteBuffer.allocate(3);
            while (bytes.hasRemaining()) {
                second.read(bytes);
            }
            assertArrayEquals(new byte[] {1, 2, 3}, bytes.array());
        }
    }

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void closingTheChannelEndsAnotherThreadsRead(ThreadKind kind) throws Exception {
        Fifo fifo = Fifo.create(dir.resolve("fifo"), 0600);
        CompletableFuture<FileChannel> reader = FifoReaders.opening(fifo);
        try (FileChannel writer = fifo.openWriter(); FileChannel channel = reader.get(60, TimeUnit.SECONDS)) {
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            kind.start("reading", () -> {
                try {
                    channel.read(ByteBuffer.allocateDirect(16));
                    outcome.complete(null);
                } catch (Throwable t) {
                    outcome.complete(t);
                }
            });
            awaitWaiting(kind, "reading", PIPE_READ);
            channel.close();
            assertInstanceOf(AsynchronousCloseException.class, outcome.get(60, TimeUnit.SECONDS));
            assertEquals(1, descriptorsOf(fifo.path()), "the reader's descriptor is closed; the writer's is open");
        }
    }

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void readersAndWritersInterruptedHundredsOfTimesLoseNoByte(ThreadKind kind) throws Exception {
        Fifo fifo = Fifo.create(dir.resolve("fifo"), 0600);
        AtomicInteger interrupted = new AtomicInteger();
        AtomicBoolean enough = new AtomicBoolean();
        AtomicLong total = new AtomicLong(-1);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        // ends nobody uses keep the pipe open while the reader and the writer reopen theirs, so
        // that no write fails for want of a reader and no read ends for want of a writer
        CompletableFuture<FileChannel> keptReader = FifoReaders.opening(fifo);
        try (FileChannel keptWriter = fifo.openWriter(); FileChannel kept = keptReader.get(60, TimeUnit.SECONDS)) {
            CompletableFuture<Long> wrote = new CompletableFuture<>();
            Thread writer = kind.start("writer", () -> {
                try {
                    wrote.complete(write(fifo, enough, interrupted));
                } catch (Throwable t) {
                    wrote.completeExceptionally(t);
                }
            });
            CompletableFuture<Void> read = new CompletableFuture<>();
            Thread reader = kind.start("reader", () -> {
                try {
                    read(fifo, received, total, interrupted);
                    read.complete(null);
                } catch (Throwable t) {
                    read.completeExceptionally(t);
                }
            });
            try (Interrupter interrupter = Interrupter.of(List.of(reader, writer))) {
                interrupter.until(() -> interrupted.get() >= 100 || read.isDone() || wrote.isDone(),
                        "100 reads and writes interrupted");
                enough.set(true);
                total.set(wrote.get(60, TimeUnit.SECONDS));
                read.get(60, TimeUnit.SECONDS);
            }
        }
        byte[] bytes = received.toByteArray();
        assertEquals(total.get(), bytes.length, "every byte written arrived, once");
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != byteAt(i)) {
                throw new AssertionError("byte " + i + " differs");
            }
        }
    }

    private static byte byteAt(long i) {
        return (byte) (i * 31 + (i >> 8));
    }

    /** Writes the sequence of {@link #byteAt} until {@code enough}, reopening when an interrupt closes the channel; returns the bytes written. */
    private static long write(Fifo fifo, AtomicBoolean enough, AtomicInteger interrupted) throws IOException {
        FileChannel out = reopen(fifo, false, interrupted);
        long written = 0;
        ByteBuffer chunk = ByteBuffer.allocate(3000);
        while (!enough.get()) {
            chunk.clear();
            for (int i = 0; i < chunk.capacity(); i++) {
                chunk.put(byteAt(written + i));
            }
            chunk.flip();
            while (chunk.hasRemaining()) {
                try {
                    written += out.write(chunk); // what was written, also if an interrupt then closed the channel
                } catch (ClosedChannelException e) { // by this interrupt, or an earlier one: nothing written
                    interrupted.incrementAndGet();
                    Thread.interrupted();
                    out = reopen(fifo, false, interrupted);
                }
            }
        }
        out.close();
        return written;
    }

    /**
     * Reads until {@code total} bytes arrived, reopening when an interrupt closes the channel (the
     * interrupts go on until it returns, so a read that waits once all has arrived ends too).
     */
    private static void read(Fifo fifo, ByteArrayOutputStream received, AtomicLong total, AtomicInteger interrupted)
            throws IOException {
        FileChannel in = reopen(fifo, true, interrupted);
        ByteBuffer buffer = ByteBuffer.allocateDirect(1000);
        while (received.size() != total.get()) {
            int n;
            try {
                n = in.read(buffer.clear());
            } catch (ClosedChannelException e) {
                interrupted.incrementAndGet();
                Thread.interrupted();
                in = reopen(fifo, true, interrupted); // the kept read end held the pipe: nothing was lost
                continue;
            }
            if (n < 0) {
                throw new AssertionError("end of stream, though a write end is kept open");
            }
            byte[] chunk = new byte[n];
            buffer.flip().get(chunk);
            received.write(chunk, 0, n);
        }
        in.close();
    }

    /** Opens an end, again while an interrupt refuses it: the other end is open, so it never waits. */
    private static FileChannel reopen(Fifo fifo, boolean reading, AtomicInteger interrupted) throws IOException {
        while (true) {
            try {
                return reading ? fifo.openReader() : fifo.openWriter();
            } catch (InterruptedIOException e) {
                interrupted.incrementAndGet();
                Thread.interrupted();
            }
        }
    }

    /**
     * Waits until the thread making the call sleeps in one of {@code functions}: on a platform thread
     * the thread itself, on a virtual thread a waiter. Known by name, since other threads of this
     * JVM may sleep in a pipe's read too (surefire's reader of its stdin).
     */
    private static void awaitWaiting(ThreadKind kind, String threadName, String... functions) {
        KernelWaits.awaitThreadNamedIn(ProcessHandle.current().pid(),
                kind == ThreadKind.PLATFORM ? threadName : "sysvipc-waiter-", functions);
    }

    /** How many of this process's descriptors are open on {@code path}. */
    private static long descriptorsOf(Path path) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).equals(path);
                } catch (IOException gone) {
                    return false;
                }
            }).count();
        }
    }
}
