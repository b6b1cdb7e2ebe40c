package org.sysvipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sysvipc.testing.IpcCleanup;
import org.sysvipc.testing.KernelWaits;

/**
 * {@link SharedMemory.Attachment#close()} from several threads while an I/O operation holds the
 * segment: each close must throw, since the segment cannot be detached then; none may return
 * while the attachment stays attached.
 */
class AttachmentCloseTest {
    private static final int ROUNDS = 100;
    private static final String READER = "segment-reader";

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    @Test
    void concurrentClosesOfAnAttachmentInUseAllThrowAndLeaveItAttached() throws Exception {
        SharedMemory memory = cleanup.add(SharedMemory.createPrivate(64));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                SharedMemory.Attachment attachment = memory.attach();
                Pipe pipe = Pipe.open();
                // a blocking read into the segment holds its scope until a byte arrives
                FutureTask<Integer> reader = new FutureTask<>(() -> pipe.source().read(attachment.segment().asByteBuffer()));
                Thread.ofPlatform().name(READER).daemon().start(reader);
                KernelWaits.awaitThreadNamedIn(ProcessHandle.current().pid(), READER, "pipe_read", "anon_pipe_read");

                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<String>> closers = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    closers.add(pool.submit(() -> {
                        start.await();
                        try {
                            attachment.close();
                            return "returned";
                        } catch (IllegalStateException inUse) {
                            return "threw";
                        }
                    }));
                }
                for (Future<String> closer : closers) {
                    String outcome = closer.get(30, TimeUnit.SECONDS);
                    assertEquals("threw", outcome, "round " + round + ": a close returned while the segment was"
                            + " in use; the attachment is " + (attachment.isAttached() ? "still attached" : "detached"));
                }
                assertTrue(attachment.isAttached());

                pipe.sink().write(ByteBuffer.wrap(new byte[] {42}));
                assertEquals(1, reader.get(30, TimeUnit.SECONDS));
                pipe.sink().close();
                pipe.source().close();
                attachment.close();
                assertFalse(attachment.isAttached());
                assertEquals(0, memory.stat().attachCount(), "the segment is detached");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
