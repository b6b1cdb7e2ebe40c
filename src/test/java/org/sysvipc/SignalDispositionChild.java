package org.sysvipc;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.sysvipc.testing.FifoReaders;
import org.sysvipc.testing.KernelWaits;

/**
 * Run by {@link SignalDispositionTest} in a JVM whose signal dispositions it changes: sets the JDK's
 * I/O interrupt signal (SIGRTMAX - 2) and SIGPIPE to their default action, which ends the process,
 * before the module's first call ({@code both}, {@code jdk}) or while a call waits ({@code later}),
 * then interrupts waiting calls. A signal sent anyway would end the process with that signal; the
 * parent checks that it exits 0 having printed every line.
 */
public final class SignalDispositionChild {
    private static final int SIGPIPE = 13;
    private static final int JDK_IO_SIGNAL = 64 - 2;
    private static final MethodHandle SIGNAL = Linker.nativeLinker().downcallHandle(
            Linker.nativeLinker().defaultLookup().find("signal").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));

    private SignalDispositionChild() {
    }

    /** Arguments: {@code both}, {@code jdk} or {@code later}; the queue's id; a FIFO's path. */
    public static void main(String[] args) throws Throwable {
        MessageQueue queue = MessageQueue.ofId(Integer.parseInt(args[1]));
        Fifo fifo = Fifo.open(Path.of(args[2]));
        try (FileChannel devNull = FileChannel.open(Path.of("/dev/null"))) {
            devNull.read(ByteBuffer.allocate(1)); // the JDK installs its handler now, and never again
        }
        switch (args[0]) {
            case "both" -> {
                toDefault(JDK_IO_SIGNAL);
                toDefault(SIGPIPE);
                timedReceiveEnds(queue);
                interruptedReceiveEnds(queue, Thread.ofPlatform());
                interruptedReceiveEnds(queue, Thread.ofVirtual());
                interruptedFifoReadEnds(fifo);
                interruptedFifoWriteEnds(fifo);
            }
            case "jdk" -> {
                toDefault(JDK_IO_SIGNAL);
                timedReceiveEnds(queue);
                interruptedReceiveEnds(queue, Thread.ofPlatform());
                interruptedFifoReadEnds(fifo);
                interruptedFifoWriteEnds(fifo);
            }
            case "later" -> receiveOutlivesAnInterruptNoSignalCanDeliver(queue);
            default -> throw new IllegalArgumentException(args[0]);
        }
        System.out.println("alive");
    }

    private static void toDefault(int signal) throws Throwable {
        MemorySegment previous = (MemorySegment) SIGNAL.invokeExact(signal, MemorySegment.NULL);
        System.out.println("signal " + signal + " was handled: " + (previous.address() > 1));
    }

    private static void timedReceiveEnds(MessageQueue queue) {
        if (queue.receive(1, Duration.ofMillis(200)).isPresent()) {
            throw new AssertionError("a message in an empty queue");
        }
        System.out.println("timed receive ended");
    }

    private static void interruptedReceiveEnds(MessageQueue queue, Thread.Builder builder) throws Exception {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread thread = builder.start(() -> {
            try {
                queue.receive(1);
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        Thread.sleep(300); // most likely waiting by then; if not, the interrupt comes first, with the same outcome
        thread.interrupt();
        Throwable thrown = outcome.get(60, TimeUnit.SECONDS);
        if (!(thrown instanceof IpcInterruptedException)) {
            throw new AssertionError("not ended by the interrupt: " + thrown, thrown);
        }
        System.out.println("interrupted receive ended on a " + (thread.isVirtual() ? "virtual" : "platform") + " thread");
    }

    private static void interruptedFifoReadEnds(Fifo fifo) throws Exception {
        CompletableFuture<FileChannel> reader = FifoReaders.opening(fifo);
        try (FileChannel writer = fifo.openWriter(); FileChannel in = reader.get(60, TimeUnit.SECONDS)) {
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            Thread thread = Thread.ofPlatform().start(() -> {
                try {
                    in.read(ByteBuffer.allocate(1));
                    outcome.complete(null);
                } catch (Throwable t) {
                    outcome.complete(t);
                }
            });
            Thread.sleep(300);
            thread.interrupt();
            Throwable thrown = outcome.get(60, TimeUnit.SECONDS);
            if (!(thrown instanceof ClosedByInterruptException)) {
                throw new AssertionError("not ended by the interrupt: " + thrown, thrown);
            }
        }
        System.out.println("interrupted FIFO read ended");
    }

    /** A write larger than the pipe fills it, waits for room in poll, and returns what it wrote once interrupted. */
    private static void interruptedFifoWriteEnds(Fifo fifo) throws Exception {
        CompletableFuture<FileChannel> reader = FifoReaders.opening(fifo);
        try (FileChannel writer = fifo.openWriter(); FileChannel in = reader.get(60, TimeUnit.SECONDS)) {
            CompletableFuture<Object> outcome = new CompletableFuture<>();
            Thread thread = Thread.ofPlatform().start(() -> {
                try {
                    outcome.complete(writer.write(ByteBuffer.allocate(4 << 20)));
                } catch (Throwable t) {
                    outcome.complete(t);
                }
            });
            Thread.sleep(300);
            thread.interrupt();
            Object written = outcome.get(60, TimeUnit.SECONDS);
            if (!(written instanceof Integer count && count > 0 && count < 4 << 20) || writer.isOpen()) {
                throw new AssertionError("not ended by the interrupt: " + written);
            }
        }
        System.out.println("interrupted FIFO write ended");
    }

    private static void receiveOutlivesAnInterruptNoSignalCanDeliver(MessageQueue queue) throws Throwable {
        CompletableFuture<Message> received = new CompletableFuture<>();
        CompletableFuture<Boolean> status = new CompletableFuture<>();
        Thread thread = Thread.ofPlatform().start(() -> {
            try {
                received.complete(queue.receive(1));
            } catch (Throwable t) {
                received.completeExceptionally(t);
            }
            status.complete(Thread.currentThread().isInterrupted());
        });
        KernelWaits.awaitThreadIn(ProcessHandle.current().pid(), "do_msgrcv");
        toDefault(JDK_IO_SIGNAL);
        toDefault(SIGPIPE);
        thread.interrupt(); // no signal may be sent now: the call keeps waiting
        Thread.sleep(300);
        if (received.isDone()) {
            throw new AssertionError("the receive ended without a message: " + received);
        }
        queue.send(1, "after".getBytes());
        System.out.println("received " + received.get(60, TimeUnit.SECONDS).text() + ", interrupt status "
                + status.get());
    }
}
