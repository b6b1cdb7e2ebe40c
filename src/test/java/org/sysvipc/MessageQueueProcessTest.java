package org.sysvipc;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sysvipc.testing.ChildJvm;
import org.sysvipc.testing.IpcCleanup;
import org.sysvipc.testing.KernelWaits;
import org.sysvipc.testing.TestKeys;

/** Message queues between this JVM and child JVMs. */
class MessageQueueProcessTest {
    private static final int UNPRIVILEGED = 1000;

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    @Test
    void anotherUserIsDeniedUntilItsGroupIsGrantedAccess() {
        IpcKey key = TestKeys.random();
        MessageQueue queue = cleanup.add(MessageQueue.open(key, OpenMode.CREATE_NEW, 0600));

        String denied = asAnotherUser("open-and-send", key.value());
        assertTrue(denied.startsWith("IpcPermissionDeniedException msgget failed for message queue " + key
                + ": EACCES"), denied);

        queue.setPermissions(0, UNPRIVILEGED, 0660);
        String sent = asAnotherUser("open-and-send", key.value());
        assertEquals("sent", sent.strip());
        assertEquals("hello world", queue.receive(MessageQueueChild.DATA).text());
    }

    @Test
    void anotherUserFindsAnUnreadableQueueByIdWithItsKey() {
        IpcKey key = TestKeys.random();
        MessageQueue queue = cleanup.add(MessageQueue.open(key, OpenMode.CREATE_NEW, 0600));

        String denied = asAnotherUser("of-id-and-send", queue.id());
        // MSG_STAT_ANY reads the key whatever the access bits, as ipcs does
        assertTrue(denied.startsWith("key " + key + "\nIpcPermissionDeniedException msgsnd failed for"
                + " message queue " + queue.id() + " (" + key + "): EACCES"), denied);

        queue.setPermissions(0, UNPRIVILEGED, 0620); // the group may write, not read
        String sent = asAnotherUser("of-id-and-send", queue.id());
        assertEquals("key " + key + "\nsent", sent.strip());
        assertEquals("by id", queue.receive(MessageQueueChild.DATA).text());
    }

    @Test
    void aReceiverBlockedInAnotherProcessEndsWithRemovedWhenTheQueueGoes() {
        MessageQueue queue = cleanup.add(MessageQueue.createPrivate());
        Process child = ChildJvm.start(MessageQueueChild.class, "receive", Integer.toString(queue.id()));
        KernelWaits.awaitThreadIn(child.pid(), "do_msgrcv");
        queue.remove();
        String out = ChildJvm.await(child);
        assertTrue(out.contains("IpcRemovedException msgrcv failed for " + queue + ": EIDRM"), out);
    }

    @Test
    void aMessageFromAnotherProcessArrives() {
        MessageQueue queue = cleanup.add(MessageQueue.createPrivate());
        Process child = ChildJvm.start(MessageQueueChild.class, "receive", Integer.toString(queue.id()));
        queue.send(3, "hello world".getBytes());
        assertTrue(ChildJvm.await(child).contains("received hello world"));
        MessageQueueStat stat = queue.stat();
        assertEquals(child.pid(), stat.lastReceivePid());
    }

    /**
     * Producer and consumer processes share one small queue, so senders often find it full: every
     * numbered, checksummed message must arrive exactly once and intact.
     */
    @Test
    void everyMessageOfManyProducersReachesOneOfManyConsumersExactlyOnce() {
        int producers = 3;
        int consumers = 3;
        int perProducer = 3000;
        MessageQueue queue = cleanup.add(MessageQueue.createPrivate());
        queue.setMaxBytes(2048);
        String id = Integer.toString(queue.id());

        List<Process> consuming = new ArrayList<>();
        for (int i = 0; i < consumers; i++) {
            consuming.add(ChildJvm.start(MessageQueueChild.class, "consume", id));
        }
        List<Process> producing = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            producing.add(ChildJvm.start(MessageQueueChild.class, "produce", id, Integer.toString(p),
                    Integer.toString(perProducer)));
        }
        for (Process producer : producing) {
            assertEquals("produced " + perProducer, ChildJvm.await(producer).strip());
        }
        for (int i = 0; i < consumers; i++) {
            queue.send(MessageQueueChild.STOP, new byte[0]);
        }
        Set<String> seen = new HashSet<>();
        int received = 0;
        for (Process consumer : consuming) {
            for (String line : ChildJvm.await(consumer).lines().toList()) {
                assertTrue(line.startsWith("ok "), "a message arrived damaged: " + line);
                assertTrue(seen.add(line), "a message arrived twice: " + line);
                received++;
            }
        }
        assertEquals(producers * perProducer, received);
        for (int p = 0; p < producers; p++) {
            for (int s = 0; s < perProducer; s++) {
                assertTrue(seen.contains("ok " + p + " " + s), "lost: producer " + p + " message " + s);
            }
        }
        assertEquals(0, queue.stat().messageCount());
    }

    /** Runs MessageQueueChild's {@code action} on {@code argument} as another user; returns its stdout. */
    private static String asAnotherUser(String action, int argument) {
        return ChildJvm.runAs(UNPRIVILEGED, UNPRIVILEGED, MessageQueueChild.class, action, Integer.toString(argument));
    }
}
