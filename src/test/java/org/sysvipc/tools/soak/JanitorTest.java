package org.sysvipc.tools.soak;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sysvipc.IpcNotFoundException;
import org.sysvipc.IpcPermissions;
import org.sysvipc.MessageQueue;
import org.sysvipc.OpenMode;
import org.sysvipc.SemaphoreSet;
import org.sysvipc.SharedMemory;
import org.sysvipc.testing.IpcCleanup;

/** The janitor removes what it tracks when the soak dies, and nothing when the soak dismisses it. */
class JanitorTest {
    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    /** A queue, a set and a segment under fresh keys, and a private segment, as the janitor names them. */
    private record Objects(MessageQueue queue, SemaphoreSet set, SharedMemory keyed, SharedMemory byId) {
        List<String> tracked() {
            return List.of("msg:" + queue.key().value(), "sem:" + set.key().value(), "shm:" + keyed.key().value(),
                    "shm-id:" + byId.id());
        }
    }

    private Objects create() {
        return new Objects(
                cleanup.add(FreshKeys.create(key -> MessageQueue.open(key, OpenMode.CREATE_NEW, IpcPermissions.DEFAULT_MODE))),
                cleanup.add(FreshKeys.create(key -> SemaphoreSet.open(key, OpenMode.CREATE_NEW, IpcPermissions.DEFAULT_MODE, 1))),
                cleanup.add(FreshKeys.create(key -> SharedMemory.open(key, OpenMode.CREATE_NEW, IpcPermissions.DEFAULT_MODE, 64))),
                cleanup.add(SharedMemory.createPrivate(64)));
    }

    @Test
    void whenTheSoakDiesTheJanitorRemovesWhatItTracked() throws Exception {
        Objects objects = create();
        Process janitor = startJanitor(objects.tracked());
        janitor.getOutputStream().close(); // as the kernel closes it when the soak dies
        assertTrue(janitor.waitFor(60, TimeUnit.SECONDS));
        assertThrows(IpcNotFoundException.class, () -> MessageQueue.open(objects.queue().key()));
        assertThrows(IpcNotFoundException.class, () -> SemaphoreSet.open(objects.set().key()));
        assertThrows(IpcNotFoundException.class, () -> SharedMemory.open(objects.keyed().key()));
        assertThrows(IpcNotFoundException.class, () -> SharedMemory.ofId(objects.byId().id()));
    }

    @Test
    void aDismissedJanitorRemovesNothing() throws Exception {
        Objects objects = create();
        Process janitor = startJanitor(objects.tracked());
        janitor.getOutputStream().write("done\n".getBytes());
        janitor.getOutputStream().close();
        assertTrue(janitor.waitFor(60, TimeUnit.SECONDS));
        MessageQueue.open(objects.queue().key());
        SemaphoreSet.open(objects.set().key());
        SharedMemory.open(objects.keyed().key());
        SharedMemory.ofId(objects.byId().id());
    }

    @Test
    void objectsAlreadyGoneAreNoFailureAndUnknownKindsAreRefused() {
        MessageQueue queue = cleanup.add(
                FreshKeys.create(key -> MessageQueue.open(key, OpenMode.CREATE_NEW, IpcPermissions.DEFAULT_MODE)));
        String tracked = "msg:" + queue.key().value();
        assertTrue(Janitor.remove(tracked));
        assertFalse(Janitor.remove(tracked));
        assertThrows(IllegalArgumentException.class, () -> Janitor.remove("fifo:1"));
        assertThrows(IllegalArgumentException.class, () -> Janitor.remove("msg"));
    }

    private static Process startJanitor(List<String> tracked) throws IOException {
        Process janitor = SoakRun.command(List.of(), Janitor.COMMAND).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        for (String object : tracked) {
            janitor.getOutputStream().write(("track " + object + "\n").getBytes());
        }
        janitor.getOutputStream().flush();
        return janitor;
    }
}
