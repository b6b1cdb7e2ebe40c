package org.sysvipc;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sysvipc.testing.ChildJvm;
import org.sysvipc.testing.IpcCleanup;
import org.sysvipc.testing.TestKeys;
import org.sysvipc.testing.Requires;

class IpcListingTest {
    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    private static <S extends Record> Optional<S> find(List<IpcListing.Entry<S>> entries, int id) {
        return entries.stream().filter(e -> e.id() == id).map(IpcListing.Entry::stat).findFirst();
    }

    @Test
    @Tag(Requires.STAT_ANY)
    void listsEveryKindWithItsState() {
        IpcKey key = TestKeys.random();
        MessageQueue queue = cleanup.add(MessageQueue.open(key, OpenMode.CREATE_NEW, 0640));
        queue.send(1, new byte[7]);
        SemaphoreSet set = cleanup.add(SemaphoreSet.createPrivate(3));
        SharedMemory segment = cleanup.add(SharedMemory.createPrivate(12345));

        MessageQueueStat listedQueue = find(IpcListing.messageQueues(), queue.id()).orElseThrow();
        assertEquals(key, listedQueue.permissions().key());
        assertEquals(0640, listedQueue.permissions().accessBits());
        assertEquals(1, listedQueue.messageCount());
        assertEquals(7, listedQueue.currentBytes());
        assertEquals(queue.stat(), listedQueue);

        SemaphoreSetStat listedSet = find(IpcListing.semaphoreSets(), set.id()).orElseThrow();
        assertEquals(3, listedSet.count());
        assertEquals(set.stat(), listedSet);

        SharedMemoryStat listedSegment = find(IpcListing.sharedMemory(), segment.id()).orElseThrow();
        assertEquals(12345, listedSegment.size());
        assertEquals(segment.stat(), listedSegment);
    }

    @Test
    void removedObjectsAreNotListed() {
        MessageQueue queue = MessageQueue.createPrivate();
        SemaphoreSet set = SemaphoreSet.createPrivate(1);
        SharedMemory segment = SharedMemory.createPrivate(4096);
        queue.remove();
        set.remove();
        segment.remove();
        assertEquals(Optional.empty(), find(IpcListing.messageQueues(), queue.id()));
        assertEquals(Optional.empty(), find(IpcListing.semaphoreSets(), set.id()));
        assertEquals(Optional.empty(), find(IpcListing.sharedMemory(), segment.id()));
    }

    @Test
    @Tag(Requires.STAT_ANY)
    void anotherUserListsObjectsItMayNotOpen() {
        MessageQueue queue = cleanup.add(MessageQueue.createPrivate());
        SemaphoreSet set = cleanup.add(SemaphoreSet.createPrivate(1));
        SharedMemory segment = cleanup.add(SharedMemory.createPrivate(4096));
        List<String> lines = ChildJvm.runAs(1000, 1000, IpcListingChild.class).lines().toList();
        assertTrue(lines.get(0).matches("queues \\[.*\\b" + queue.id() + "\\b.*]"), lines.get(0));
        assertTrue(lines.get(1).matches("sets \\[.*\\b" + set.id() + "\\b.*]"), lines.get(1));
        assertTrue(lines.get(2).matches("segments \\[.*\\b" + segment.id() + "\\b.*]"), lines.get(2));
    }
}
