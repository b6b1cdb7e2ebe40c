package org.sysvipc;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sysvipc.testing.IpcCleanup;
import org.sysvipc.testing.TestKeys;

/** Shared memory within one process: opening, attaching, status, permissions, removal and every failure. */
class SharedMemoryTest {
    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    @Test
    void privateSegmentHasItsSizeAndStartsZeroed() {
        SharedMemory memory = cleanup.add(SharedMemory.createPrivate(100));
        assertEquals(IpcKey.PRIVATE, memory.key());
        try (SharedMemory.Attachment attachment = memory.attach()) {
            MemorySegment segment = attachment.segment();
            assertEquals(100, segment.byteSize());
            assertEquals(0, segment.address() % 4096, "attachments are page-aligned");
            assertEquals(-1L, segment.mismatch(MemorySegment.ofArray(new byte[100])), "zero-filled");
            assertFalse(attachment.isReadOnly());
            assertFalse(segment.isReadOnly());
        }
        SharedMemoryStat stat = memory.stat();
        assertEquals(100, stat.size());
        assertEquals(IpcPermissions.DEFAULT_MODE, stat.permissions().accessBits());
        assertEquals(IpcKey.PRIVATE, stat.permissions().key());
    }

    @Test
    void segmentCreatedWithKeyIsFoundByKey() {
        IpcKey key = TestKeys.random();
        SharedMemory created = cleanup.add(SharedMemory.open(key, OpenMode.CREATE_NEW, 0640, 64));
        assertEquals(key, created.key());
        assertEquals(created.id(), SharedMemory.open(key).id());
        assertEquals(created.id(), SharedMemory.open(key, OpenMode.CREATE, 0600, 64).id());
        assertEquals(created.id(), SharedMemory.open(key, OpenMode.OPEN_EXISTING, 0600, 32).id(), "smaller size");
        SharedMemoryStat stat = created.stat();
        assertEquals(key, stat.permissions().key());
        assertEquals(0640, stat.permissions().accessBits());
        assertEquals(64, stat.size());
    }

    @Test
    void openingWithMoreThanTheExistingSizeIsInvalid() {
        IpcKey key = TestKeys.random();
        cleanup.add(SharedMemory.open(key, OpenMode.CREATE_NEW, 0600, 64));
        IpcInvalidArgumentException e = assertThrows(IpcInvalidArgumentException.class,
                () -> SharedMemory.open(key, OpenMode.CREATE, 0600, 65));
        assertEquals(Errno.EINVAL, e.errno());
        assertThrows(IpcInvalidArgumentException.class, () -> SharedMemory.open(key, OpenMode.OPEN_EXISTING, 0600, 65));
    }

    @Test
    void sizeNoMachineHasIsRefused() {
        // shmmax is usually larger than any long, so the kernel refuses this for want of memory instead
        IpcException e = assertThrows(IpcException.class, () -> cleanup.add(SharedMemory.createPrivate(Long.MAX_VALUE)));
        assertEquals("shmget", e.call());
        assertTrue(Set.of("ENOMEM", "ENOSPC", "EINVAL").contains(e.errno().name()), e.getMessage());
    }

    @Test
    void argumentsWrongOnTheirFaceAreRefusedBeforeAnyCall() {
        IpcKey key = TestKeys.random();
        assertAll(
                () -> assertThrows(IllegalArgumentException.class, () -> SharedMemory.createPrivate(0)),
                () -> assertThrows(IllegalArgumentException.class, () -> SharedMemory.createPrivate(-1)),
                () -> assertThrows(IllegalArgumentException.class,
                        () -> SharedMemory.open(key, OpenMode.CREATE, 0600, 0)),
                () -> assertThrows(IllegalArgumentException.class,
                        () -> SharedMemory.open(key, OpenMode.CREATE_NEW, 0600, 0)),
                () -> assertThrows(IllegalArgumentException.class,
                        () -> SharedMemory.open(key, OpenMode.OPEN_EXISTING, 0600, -1)),
                () -> assertThrows(IllegalArgumentException.class,
                        () -> SharedMemory.open(key, OpenMode.CREATE_NEW, 01600, 8)),
                () -> assertThrows(IllegalArgumentException.class,
                        () -> SharedMemory.open(key, OpenMode.CREATE_NEW, -1, 8)),
                () -> assertThrows(IllegalArgumentException.class, () -> SharedMemory.open(IpcKey.PRIVATE)),
                () -> assertThrows(IllegalArgumentException.class,
                        () -> SharedMemory.open(IpcKey.PRIVATE, OpenMode.OPEN_EXISTING, 0600, 8)),
                () -> assertThrows(NullPointerException.class, () -> SharedMemory.open(null)),
                () -> assertThrows(NullPointerException.class, () -> SharedMemory.open(key, null, 0600, 8)),
                () -> assertThrows(IllegalArgumentException.class, () -> SharedMemory.ofId(-1)));
        assertThrows(IpcNotFoundException.class, () -> SharedMemory.open(key), "nothing was created");

        SharedMemory memory = cleanup.add(SharedMemory.createPrivate(8));
        assertThrows(IllegalArgumentException.class, () -> memory.setPermissions(-1, 0, 0600));
        assertThrows(IllegalArgumentException.class, () -> memory.setPermissions(0, -1, 0600));
        assertThrows(IllegalArgumentException.class, () -> memory.setPermissions(0, 0, 01600));
        assertEquals(0600, memory.stat().permissions().accessBits());
    }

    @Test
    void twoAttachmentsSeeTheSameBytes() {
        SharedMemory memory = cleanup.add(SharedMemory.createPrivate(4096));
        try (SharedMemory.Attachment first = memory.attach(); SharedMemory.Attachment second = memory.attach()) {
            assertNotEquals(first.segment().address(), second.segment().address());
            first.segment().set(ValueLayout.JAVA_LONG, 8, 0x1122334455667788L);
            first.segment().setString(100, "shared");
            assertEquals(0x1122334455667788L, second.segment().get(ValueLayout.JAVA_LONG, 8));
            assertEquals("shared", second.segment().getString(100));
            second.segment().set(ValueLayout.JAVA_INT, 4092, 7);
            assertEquals(7, first.segment().get(ValueLayout.JAVA_INT, 4092));
        }
    }

    @Test
    void readOnlyAttachmentRefusesWrites() {
        SharedMemory memory = cleanup.add(SharedMemory.createPrivate(16));
        try (SharedMemory.Attachment writer = memory.attach(); SharedMemory.Attachment reader = memory.attachReadOnly()) {
            assertTrue(reader.isReadOnly());
            assertTrue(reader.segment().isReadOnly());
            assertEquals(16, reader.segment().byteSize());
            writer.segment().set(ValueLayout.JAVA_LONG, 0, 5L);
            assertEquals(5L, reader.segment().get(ValueLayout.JAVA_LONG, 0));
            assertThrows(IllegalArgumentException.class, () -> reader.segment().set(ValueLayout.JAVA_LONG, 0, 6L));
            assertThrows(IllegalArgumentException.class, () -> LONG.getAndAdd(reader.segment(), 0L, 1L));
            assertThrows(IllegalArgumentException.class, () -> reader.segment().fill((byte) 1));
            assertEquals(5L, writer.segment().get(ValueLayout.JAVA_LONG, 0));
        }
    }

    @Test
    void segmentIsUnusableAfterCloseAndCloseIsIdempotent() {
        SharedMemory memory = cleanup.add(SharedMemory.createPrivate(8));
        SharedMemory.Attachment attachment = memory.attach();
        MemorySegment segment = attachment.segment();
        assertTrue(attachment.isAttached());
        attachment.close();
        assertFalse(attachment.isAttached());
        assertFalse(segment.scope().isAlive());
        assertThrows(IllegalStateException.class, () -> segment.get(ValueLayout.JAVA_LONG, 0));
        assertThrows(IllegalStateException.class, () -> segment.set(ValueLayout.JAVA_LONG, 0, 1L));
        assertThrows(IllegalStateException.class, () -> LONG.getAndAdd(segment, 0L, 1L));
        attachment.close();
        assertEquals(0L, memory.stat().attachCount());
        assertTrue(attachment.toString().endsWith("(detached)"), attachment.toString());
    }

    @Test
    void closingStopsAThreadThatIsReadingTheSegment() throws InterruptedException {
        SharedMemory memory = cleanup.add(SharedMemory.createPrivate(4096));
        SharedMemory.Attachment attachment = memory.attach();
        CountDownLatch reading = new CountDownLatch(1);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            MemorySegment segment = attachment.segment();
            try {
                for (long sum = 0; ; sum += segment.get(ValueLayout.JAVA_BYTE, sum & 4095)) {
                    reading.countDown();
                }
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        reading.await();
        attachment.close();
        assertTrue(reader.join(Duration.ofMinutes(1)), "the reader is still reading");
        assertTrue(outcome.get() instanceof IllegalStateException, String.valueOf(outcome.get()));
        assertEquals(0L, memory.stat().attachCount());
    }

    @Test
    void statCountsAttachmentsAndNamesThisProcess() {
        long pid = ProcessHandle.current().pid();
        SharedMemory memory = cleanup.add(SharedMemory.createPrivate(32));
        SharedMemoryStat fresh = memory.stat();
        assertAll(
                () -> assertEquals(0L, fresh.attachCount()),
                () -> assertEquals(pid, fresh.creatorPid()),
                () -> assertEquals(Instant.EPOCH, fresh.lastAttach()),
                () -> assertEquals(Instant.EPOCH, fresh.lastDetach()),
                () -> assertNotEquals(Instant.EPOCH, fresh.lastChange()),
                () -> assertFalse(fresh.markedForDestruction()),
                () -> assertEquals(fresh.permissions().creatorUid(), fresh.permissions().uid()),
                () -> assertEquals(fresh.permissions().creatorGid(), fresh.permissions().gid()));
        try (var _ = memory.attach()) {
            SharedMemoryStat once = memory.stat();
            assertEquals(1L, once.attachCount());
            assertEquals(pid, once.lastPid());
            assertNotEquals(Instant.EPOCH, once.lastAttach());
            try (var _ = memory.attachReadOnly()) {
                assertEquals(2L, memory.stat().attachCount());
            }
            SharedMemoryStat again = memory.stat();
            assertEquals(1L, again.attachCount());
            assertNotEquals(Instant.EPOCH, again.lastDetach());
        }
        assertEquals(0L, memory.stat().attachCount());
    }

    @Test
    void removedSegmentLivesUntilItsLastDetach() {
        IpcKey key = TestKeys.random();
        SharedMemory memory = cleanup.add(SharedMemory.open(key, OpenMode.CREATE_NEW, 0600, 64));
        try (SharedMemory.Attachment first = memory.attach()) {
            try (SharedMemory.Attachment second = memory.attach()) {
                memory.remove();
                SharedMemoryStat stat = memory.stat();
                assertTrue(stat.markedForDestruction());
                assertEquals(IpcKey.PRIVATE, stat.permissions().key(), "the key is released at once");
                assertThrows(IpcNotFoundException.class, () -> SharedMemory.open(key));
                memory.remove(); // marked but still attached: the kernel accepts it again

                first.segment().set(ValueLayout.JAVA_LONG, 0, 99L);
                assertEquals(99L, second.segment().get(ValueLayout.JAVA_LONG, 0));
            }
            assertEquals(1L, memory.stat().attachCount());
            assertEquals(99L, first.segment().get(ValueLayout.JAVA_LONG, 0));
            assertEquals(memory, SharedMemory.ofId(memory.id()));
        }
        IpcRemovedException stat = assertThrows(IpcRemovedException.class, memory::stat);
        assertEquals("shmctl(IPC_STAT)", stat.call());
        assertEquals(memory.toString(), stat.subject());
        assertThrows(IpcNotFoundException.class, () -> SharedMemory.ofId(memory.id()));
        assertThrows(IpcRemovedException.class, memory::attach);
        assertThrows(IpcRemovedException.class, memory::attachReadOnly);
        assertThrows(IpcRemovedException.class, () -> memory.setPermissions(0, 0, 0600));
        assertThrows(IpcRemovedException.class, memory::remove);
    }

    @Test
    void removingAnUnattachedSegmentEndsItAtOnce() {
        SharedMemory memory = cleanup.add(SharedMemory.createPrivate(8));
        memory.remove();
        IpcRemovedException e = assertThrows(IpcRemovedException.class, memory::remove);
        assertEquals("shmctl(IPC_RMID)", e.call());
        assertThrows(IpcRemovedException.class, memory::attach);
    }

    @Test
    void aSegmentFoundByIdAttaches() {
        SharedMemory memory = cleanup.add(SharedMemory.open(TestKeys.random(), OpenMode.CREATE_NEW, 0600, 8));
        SharedMemory byId = SharedMemory.ofId(memory.id());
        try (SharedMemory.Attachment attachment = byId.attachReadOnly()) {
            assertEquals("read-only attachment of " + memory, attachment.toString());
        }
    }

    @Test
    void setPermissionsChangesOwnerAndModeButNotCreator() {
        SharedMemory memory = cleanup.add(SharedMemory.createPrivate(8));
        IpcPermissions before = memory.stat().permissions();
        memory.setPermissions(1000, 1000, 0640);
        SharedMemoryStat after = memory.stat();
        assertEquals(1000, after.permissions().uid());
        assertEquals(1000, after.permissions().gid());
        assertEquals(0640, after.permissions().accessBits());
        assertEquals(before.creatorUid(), after.permissions().creatorUid());
        assertEquals(before.creatorGid(), after.permissions().creatorGid());
        assertFalse(after.markedForDestruction());
    }

    @Test
    void threadsIncrementOneCounterAtomicallyThroughTwoAttachments() throws InterruptedException {
        SharedMemory memory = cleanup.add(SharedMemory.createPrivate(Long.BYTES));
        try (SharedMemory.Attachment first = memory.attach(); SharedMemory.Attachment second = memory.attach()) {
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                MemorySegment segment = (t % 2 == 0 ? first : second).segment();
                threads.add(Thread.ofVirtual().start(() -> {
                    for (int i = 0; i < 100_000; i++) {
                        LONG.getAndAdd(segment, 0L, 1L);
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join();
            }
            assertEquals(400_000L, (long) LONG.getVolatile(first.segment(), 0L));
        }
    }
}
