package org.sysvipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sysvipc.testing.ChildJvm;
import org.sysvipc.testing.IpcCleanup;
import org.sysvipc.testing.TestKeys;

/**
 * What the three kinds share behaves the same for each: one existence rule (a call that fails
 * with EINVAL or EIDRM on an id IPC_STAT no longer finds means the object was removed; an
 * EINVAL on an object that exists stays an invalid argument), lookup by id, equality and names.
 */
class IpcObjectTest {
    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    record Kind(String noun, Supplier<IpcObject> create, IntFunction<IpcObject> ofId) {
        @Override
        public String toString() {
            return noun;
        }
    }

    static Stream<Kind> kinds() {
        return Stream.of(
                new Kind("message queue", MessageQueue::createPrivate, MessageQueue::ofId),
                new Kind("semaphore set", () -> SemaphoreSet.createPrivate(1), SemaphoreSet::ofId),
                new Kind("shared memory segment", () -> SharedMemory.createPrivate(16), SharedMemory::ofId));
    }

    /** Whether the object still exists, as the rule decides it. */
    static boolean exists(IpcObject object) {
        return ((AbstractIpcObject<?>) object).exists();
    }

    private static void stat(IpcObject object) {
        switch (object) {
            case MessageQueue queue -> queue.stat();
            case SemaphoreSet set -> set.stat();
            case SharedMemory memory -> memory.stat();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void everyControlCallOnARemovedObjectSaysItWasRemoved(Kind kind) {
        IpcObject object = cleanup.add(kind.create().get());
        assertTrue(exists(object));
        object.remove();
        assertFalse(exists(object));
        for (Runnable call : List.<Runnable>of(() -> stat(object), object::remove,
                () -> object.setPermissions(0, 0, 0600))) {
            IpcRemovedException e = assertThrows(IpcRemovedException.class, call::run);
            assertTrue(e.errno() == Errno.EINVAL || e.errno() == Errno.EIDRM, e.getMessage());
            assertTrue(e.getMessage().startsWith(kind.noun().startsWith("message") ? "msgctl("
                    : kind.noun().startsWith("semaphore") ? "semctl(" : "shmctl("), e.getMessage());
            assertTrue(e.getMessage().contains(object.toString()), e.getMessage());
        }
        IpcNotFoundException notFound = assertThrows(IpcNotFoundException.class, () -> kind.ofId().apply(object.id()));
        assertTrue(notFound.getMessage().contains("no " + kind.noun() + " has this id"), notFound.getMessage());
    }

    @Test
    void anEinvalOnAnObjectThatExistsIsAnInvalidArgumentForEveryKind() {
        // a user namespace that maps only root: the kernel refuses uid 5000 with EINVAL
        String out = ChildJvm.await(ChildJvm.startWithPrefix(List.of("unshare", "--user", "--map-root-user"),
                IpcObjectChild.class));
        assertEquals(List.of(
                "MessageQueue IpcInvalidArgumentException EINVAL exists",
                "SemaphoreSet IpcInvalidArgumentException EINVAL exists",
                "SharedMemory IpcInvalidArgumentException EINVAL exists"), out.lines().toList());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void ofIdFindsTheObjectWithItsKey(Kind kind) {
        IpcObject object = cleanup.add(kind.create().get());
        IpcObject found = kind.ofId().apply(object.id());
        assertEquals(object, found);
        assertEquals(object.hashCode(), found.hashCode());
        assertEquals(IpcKey.PRIVATE, found.key());
        assertEquals(kind.noun() + " " + object.id() + " (IPC_PRIVATE)", found.toString());
        assertThrows(IllegalArgumentException.class, () -> kind.ofId().apply(-1));
    }

    @Test
    void everyKindNamesItsKeyInMessages() {
        IpcKey key = TestKeys.random();
        List<IpcObject> objects = List.of(
                cleanup.add(MessageQueue.open(key, OpenMode.CREATE_NEW, 0600)),
                cleanup.add(SemaphoreSet.open(key, OpenMode.CREATE_NEW, 0600, 1)),
                cleanup.add(SharedMemory.open(key, OpenMode.CREATE_NEW, 0600, 16)));
        List<String> nouns = kinds().map(Kind::noun).toList();
        for (int i = 0; i < 3; i++) {
            IpcObject object = objects.get(i);
            assertEquals(nouns.get(i) + " " + object.id() + " (" + key + ")", object.toString());
        }
    }

    @Test
    void objectsOfDifferentKindsAreNeverEqual() {
        IpcObject queue = cleanup.add(MessageQueue.createPrivate());
        IpcObject set = cleanup.add(SemaphoreSet.createPrivate(1));
        IpcObject memory = cleanup.add(SharedMemory.createPrivate(16));
        assertNotEquals(queue, set);
        assertNotEquals(set, memory);
        assertNotEquals(memory, queue);
        assertNotEquals(queue, null);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aPrivateKeyOpensNothingExisting(Kind kind) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
            switch (kind.noun()) {
                case "message queue" -> MessageQueue.open(IpcKey.PRIVATE);
                case "semaphore set" -> SemaphoreSet.open(IpcKey.PRIVATE);
                default -> SharedMemory.open(IpcKey.PRIVATE);
            }
        });
        assertTrue(e.getMessage().contains("IPC_PRIVATE names no existing " + kind.noun()), e.getMessage());
    }

    @Test
    void removeAllRemovesEveryObjectPastFailuresAndThrowsTheFirstWithTheRestSuppressed() {
        IpcObject queue = cleanup.add(MessageQueue.createPrivate());
        IpcObject removedSet = cleanup.add(SemaphoreSet.createPrivate(1));
        IpcObject memory = cleanup.add(SharedMemory.createPrivate(16));
        IpcObject removedQueue = cleanup.add(MessageQueue.createPrivate());
        removedSet.remove();
        removedQueue.remove();
        IpcRemovedException first = assertThrows(IpcRemovedException.class,
                () -> IpcObject.removeAll(List.of(queue, removedSet, memory, removedQueue)));
        assertTrue(first.getMessage().contains(removedSet.toString()), first.getMessage());
        assertEquals(1, first.getSuppressed().length);
        assertTrue(first.getSuppressed()[0].getMessage().contains(removedQueue.toString()), first.getMessage());
        assertFalse(exists(queue));
        assertFalse(exists(memory));
    }

    @Test
    void removeAllOfObjectsThatExistThrowsNothingAndANullRemovesNothing() {
        IpcObject queue = cleanup.add(MessageQueue.createPrivate());
        IpcObject set = cleanup.add(SemaphoreSet.createPrivate(1));
        assertThrows(NullPointerException.class, () -> IpcObject.removeAll(Arrays.asList(queue, null, set)));
        assertTrue(exists(queue));
        assertTrue(exists(set));
        IpcObject.removeAll(List.of(queue, set));
        assertFalse(exists(queue));
        assertFalse(exists(set));
        IpcObject.removeAll(List.of());
    }
}
