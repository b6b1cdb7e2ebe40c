package org.sysvipc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sysvipc.testing.ChildJvm;
import org.sysvipc.testing.IpcCleanup;

/**
 * The module never sends a signal whose action is the default (for SIGPIPE and the JDK's I/O
 * interrupt signal, ending the process) or ignored: it reads the action before each signal. When no
 * signal can end a wait, waits poll instead, and still end on interrupt and at their deadline; a
 * wait already in the kernel when the actions change waits on, and the process lives.
 */
class SignalDispositionTest {
    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    @TempDir
    Path dir;

    @Test
    void withBothSignalsAtTheirDefaultWaitsPollAndNoSignalIsSent() throws Exception {
        String out = run("both");
        assertTrue(out.contains("signal 62 was handled: true"), out);
        assertTrue(out.contains("signal 13 was handled: true"), out);
        assertTrue(out.contains("timed receive ended"), out);
        assertTrue(out.contains("interrupted receive ended on a platform thread"), out);
        assertTrue(out.contains("interrupted receive ended on a virtual thread"), out);
        assertTrue(out.contains("interrupted FIFO read ended"), out);
        assertTrue(out.contains("interrupted FIFO write ended"), out);
        assertTrue(out.contains("alive"), out);
        assertTrue(stderr.contains("no installed signal handler can end blocked calls"), stderr);
    }

    @Test
    void withTheJdkSignalAtItsDefaultSigpipeEndsSystemVAndFifoWriteWaitsAndFifoReadsPoll() throws Exception {
        String out = run("jdk");
        assertTrue(out.contains("interrupted receive ended on a platform thread"), out);
        assertTrue(out.contains("interrupted FIFO read ended"), out);
        assertTrue(out.contains("interrupted FIFO write ended"), out);
        assertTrue(out.contains("alive"), out);
        assertTrue(stderr.contains("no installed signal handler can end a blocked FIFO open or read"), stderr);
    }

    @Test
    void aWaitInTheKernelWhenTheActionsChangeWaitsOnAndNoSignalIsSent() throws Exception {
        String out = run("later");
        assertTrue(out.contains("received after, interrupt status true"), out);
        assertTrue(out.contains("alive"), out);
    }

    private String stderr = "";

    private String run(String mode) throws Exception {
        MessageQueue queue = cleanup.add(MessageQueue.createPrivate());
        Fifo fifo = Fifo.create(dir.resolve("fifo"), 0600);
        Process child = ChildJvm.start(SignalDispositionChild.class, mode, Integer.toString(queue.id()),
                fifo.path().toString());
        child.waitFor(120, java.util.concurrent.TimeUnit.SECONDS); // the output is a few lines: no pipe fills
        stderr = ChildJvm.stderr(child);
        // a child killed by a signal exits with 128 + its number, which await reports as a failure
        return ChildJvm.await(child);
    }
}
