package org.sysvipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sysvipc.testing.ChildJvm;
import org.sysvipc.testing.IpcCleanup;
import org.sysvipc.testing.Requires;
import org.sysvipc.testing.TestKeys;

/**
 * What the three kinds share behaves the same for each: one existence rule (a call that fails
 * with EINVAL or EIDRM on an id IPC_STAT no longer finds means the object was removed; an
 * EINVAL on an object that exists stays an invalid argument), lookup by id, equality and names.
 */
class IpcObjectTest {
    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    /**
     * One kind of object and its factories.
     *
     * @param calls    the prefix of its system calls: "msg", "sem" or "shm"
     * @param open     opens an existing object by key
     * @param openWith opens by key in a mode, mode 0600, with one semaphore or 16 bytes
     */
    record Kind(String noun, String calls, Supplier<IpcObject> create, IntFunction<IpcObject> ofId,
            Function<IpcKey, IpcObject> open, BiFunction<IpcKey, OpenMode, IpcObject> openWith) {
        @Override
        public String toString() {
            return noun;
        }
    }

    static Stream<Kind> kinds() {
        return Stream.of(
                new Kind("message queue", "msg", MessageQueue::createPrivate, MessageQueue::ofId, MessageQueue::open,
                        (key, mode) -> MessageQueue.open(key, mode, 0600)),
                new Kind("semaphore set", "sem", () -> SemaphoreSet.createPrivate(1), SemaphoreSet::ofId,
                        SemaphoreSet::open, (key, mode) -> SemaphoreSet.open(key, mode, 0600, 1)),
                new Kind("shared memory segment", "shm", () -> SharedMemory.createPrivate(16), SharedMemory::ofId,
                        SharedMemory::open, (key, mode) -> SharedMemory.open(key, mode, 0600, 16)));
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
            assertTrue(e.getMessage().startsWith(kind.calls() + "ctl("), e.getMessage());
            assertTrue(e.getMessage().contains(object.toString()), e.getMessage());
        }
        IpcNotFoundException notFound = assertThrows(IpcNotFoundException.class, () -> kind.ofId().apply(object.id()));
        assertTrue(notFound.getMessage().contains("no " + kind.noun() + " has this id"), notFound.getMessage());
        assertEquals(kind.calls() + "ctl(IPC_STAT)", notFound.call());
        assertEquals(kind.noun() + " " + object.id(), notFound.subject());
    }

    @Test
    @Tag(Requires.USER_NAMESPACES)
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

        IpcKey key = TestKeys.random();
        IpcObject keyed = cleanup.add(kind.openWith().apply(key, OpenMode.CREATE_NEW));
        IpcObject keyedFound = kind.ofId().apply(keyed.id());
        assertEquals(keyed, keyedFound);
        assertEquals(keyed.hashCode(), keyedFound.hashCode());
        assertEquals(key, keyedFound.key());
        assertEquals(kind.noun() + " " + keyed.id() + " (" + key + ")", keyedFound.toString());
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
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> kind.open().apply(IpcKey.PRIVATE));
        assertTrue(e.getMessage().contains("IPC_PRIVATE names no existing " + kind.noun()), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void createNewOnATakenKeyFailsWithEexistAndTheOtherModesOpenTheObject(Kind kind) {
        IpcKey key = TestKeys.random();
        IpcObject created = cleanup.add(kind.openWith().apply(key, OpenMode.CREATE_NEW));
        IpcAlreadyExistsException e = assertThrows(IpcAlreadyExistsException.class,
                () -> cleanup.add(kind.openWith().apply(key, OpenMode.CREATE_NEW)));
        assertEquals(kind.calls() + "get", e.call());
        assertEquals(Errno.EEXIST, e.errno());
        assertEquals(kind.noun() + " " + key, e.subject());
        assertTrue(e.getMessage().contains(key.toString()), e.getMessage());
        assertEquals(created, kind.open().apply(key));
        assertEquals(created, kind.openWith().apply(key, OpenMode.CREATE));
        assertEquals(created, kind.openWith().apply(key, OpenMode.OPEN_EXISTING));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aMissingKeyIsNotFoundAndTheMessageSaysWhichWhereAndWhy(Kind kind) {
        IpcKey key = TestKeys.random();
        for (Executable open : List.<Executable>of(() -> kind.open().apply(key),
                () -> kind.openWith().apply(key, OpenMode.OPEN_EXISTING))) {
            IpcNotFoundException e = assertThrows(IpcNotFoundException.class, open);
            assertEquals(kind.calls() + "get", e.call());
            assertEquals(Errno.ENOENT, e.errno());
            assertTrue(e.getMessage().contains(kind.calls() + "get") && e.getMessage().contains(key.toString())
                    && e.getMessage().contains("ENOENT"), e.getMessage());
        }
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
