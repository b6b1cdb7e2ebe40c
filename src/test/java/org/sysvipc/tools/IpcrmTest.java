package org.sysvipc.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sysvipc.IpcKey;
import org.sysvipc.IpcNotFoundException;
import org.sysvipc.MessageQueue;
import org.sysvipc.OpenMode;
import org.sysvipc.SemaphoreSet;
import org.sysvipc.SharedMemory;
import org.sysvipc.testing.CliJvm;
import org.sysvipc.testing.IpcCleanup;
import org.sysvipc.testing.IsolatedIpcNamespace;
import org.sysvipc.testing.TestKeys;

/** {@code ipcrm}: removal by id and key, --all-mine, ipcrm's messages and exit codes, and every bad argument. */
class IpcrmTest {
    /** A uid no account and no other test uses, for objects that are someone else's. */
    static final int OTHER_UID = 4712;

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    @Test
    void removesEachKindByIdInDecimalHexAndOctal() {
        MessageQueue queue = cleanup.add(MessageQueue.createPrivate());
        SharedMemory segment = cleanup.add(SharedMemory.createPrivate(4096));
        SemaphoreSet set = cleanup.add(SemaphoreSet.createPrivate(2));
        Cli result = Cli.run("ipcrm", "-v", "-q", Integer.toString(queue.id()),
                "--shmem-id", "0x" + Integer.toHexString(segment.id()), "-s0" + Integer.toOctalString(set.id()));
        assertEquals(0, result.status(), result.err());
        assertEquals("", result.err());
        assertEquals(List.of("removed message queue " + queue.id(), "removed shared memory segment " + segment.id(),
                "removed semaphore set " + set.id()), result.out().lines().toList());
        assertGone(queue, segment, set);
    }

    @Test
    void removesEachKindByKey() {
        IpcKey queueKey = TestKeys.random();
        IpcKey segmentKey = TestKeys.random();
        IpcKey setKey = TestKeys.random();
        MessageQueue queue = cleanup.add(MessageQueue.open(queueKey, OpenMode.CREATE_NEW, 0600));
        SharedMemory segment = cleanup.add(SharedMemory.open(segmentKey, OpenMode.CREATE_NEW, 0600, 64));
        SemaphoreSet set = cleanup.add(SemaphoreSet.open(setKey, OpenMode.CREATE_NEW, 0600, 1));
        Cli result = Cli.run("ipcrm", "-Q", String.format("0x%08x", queueKey.value()),
                "--shmem-key=0" + Integer.toOctalString(segmentKey.value()), "-S", Integer.toString(setKey.value()));
        assertEquals(0, result.status(), result.err());
        assertEquals("", result.out() + result.err());
        assertGone(queue, segment, set);
    }

    @Test
    void goesOnPastWhatItCannotRemoveAndExits1WithIpcrmsMessages() {
        MessageQueue gone = MessageQueue.createPrivate();
        gone.remove();
        MessageQueue queue = cleanup.add(MessageQueue.createPrivate());
        IpcKey unused = TestKeys.random();
        assertThrows(IpcNotFoundException.class, () -> MessageQueue.open(unused), "the key must be unused");
        Cli result = Cli.run("ipcrm", "-q", Integer.toString(gone.id()), "-q", Integer.toString(queue.id()),
                "-M", String.format("0x%08x", unused.value()));
        assertEquals(1, result.status());
        assertEquals(List.of(
                "java " + Main.class.getName() + " ipcrm: invalid id (" + gone.id() + ")",
                "java " + Main.class.getName() + " ipcrm: invalid key (" + String.format("0x%08x", unused.value()) + ")"),
                result.err().lines().toList());
        assertGone(queue);
    }

    @Test
    void anotherUsersObjectIsRefusedWithExit1AndStays() {
        MessageQueue queue = cleanup.add(MessageQueue.createPrivate());
        IpcKey key = TestKeys.random();
        SemaphoreSet set = cleanup.add(SemaphoreSet.open(key, OpenMode.CREATE_NEW, 0666, 1));
        // as OTHER_UID; CAP_DAC_READ_SEARCH only lets it read the classes, wherever the checkout is
        List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=" + OTHER_UID, "--regid=" + OTHER_UID,
                "--clear-groups", "--inh-caps=+dac_read_search", "--ambient-caps=+dac_read_search"));
        command.addAll(CliJvm.classPathCommand("ipcrm", "-q", Integer.toString(queue.id()),
                "-S", String.format("0x%08x", key.value())));
        command.add(command.indexOf("--class-path"), "-Dsysvipc.command=bin/tutorial");
        Cli result = Cli.exec(command);
        assertEquals(1, result.status(), result.err());
        assertEquals(List.of("bin/tutorial ipcrm: permission denied for id (" + queue.id() + ")",
                "bin/tutorial ipcrm: permission denied for key (" + String.format("0x%08x", key.value()) + ")"),
                result.err().lines().toList());
        assertEquals(queue.id(), MessageQueue.ofId(queue.id()).id(), "the queue is still there");
        assertEquals(set.id(), SemaphoreSet.ofId(set.id()).id(), "the set is still there");
    }

    @Test
    void allMineRemovesEveryObjectTheCallerOwnsAndNoOtherOne() {
        // in an IPC namespace of its own, where every object is the child's: root's "all" is safe there
        Map<String, String> out = IpcrmAllMineChild.parse(
                IsolatedIpcNamespace.run(Map.of(), IpcrmAllMineChild.class, "--all-mine"));
        assertEquals("0", out.get("status"));
        assertEquals("[removed message queue " + out.get("queue") + ", removed shared memory segment "
                + out.get("segment") + ", removed semaphore set " + out.get("set") + "]", out.get("printed"));
        assertEquals("false false false true", out.get("exist"), "queue, segment, set gone; the other user's queue stays");
    }

    @Test
    void allMineOfOneKindRemovesOnlyThatKind() {
        Map<String, String> out = IpcrmAllMineChild.parse(
                IsolatedIpcNamespace.run(Map.of(), IpcrmAllMineChild.class, "--all-mine=sem"));
        assertEquals("0", out.get("status"));
        assertEquals("[removed semaphore set " + out.get("set") + "]", out.get("printed"));
        assertEquals("true true false true", out.get("exist"));
    }

    @Test
    void everyBadArgumentExits2WithAMessageAndRemovesNothing() {
        MessageQueue queue = cleanup.add(MessageQueue.createPrivate());
        String id = Integer.toString(queue.id());
        List<List<String>> cases = List.of(
                List.of("needs an object to remove"),
                List.of("has no option -x", "-x"),
                List.of("has no option msg", "msg", id),
                List.of("-q needs an id", "-q"),
                List.of("--queue-key needs a key", "--queue-key"),
                List.of("needs a number (decimal, 0x hex or 0 octal), was 'abc'", "-q", "abc"),
                List.of("needs a number (decimal, 0x hex or 0 octal), was '0x'", "-m", "0x"),
                List.of("needs a number (decimal, 0x hex or 0 octal), was '09'", "-s", "09"),
                List.of("needs a number (decimal, 0x hex or 0 octal), was '+1'", "-q", "+1"),
                List.of("-q needs an id from 0 to 2147483647, was -5", "-q", "-5"),
                List.of("-m needs an id from 0 to 2147483647, was 2147483648", "-m", "2147483648"),
                List.of("-Q: key 0 is IPC_PRIVATE", "-Q", "0"),
                List.of("-S needs a 32-bit key, was 0x100000000", "-S", "0x100000000"),
                List.of("-a is not offered", "-a"),
                List.of("--all is not offered", "--all=shm"),
                List.of("--all-mine takes msg, shm or sem, was queues", "--all-mine=queues"),
                List.of("--all-mine removes every object you own and takes no id or key", "--all-mine", "-q", id),
                List.of("--verbose takes no value, was given yes", "--verbose=yes"),
                // a valid id first: nothing is removed when any argument is bad
                List.of("has no option -x", "-q", id, "-x"));
        for (List<String> testCase : cases) {
            List<String> args = new ArrayList<>(List.of("ipcrm"));
            args.addAll(testCase.subList(1, testCase.size()));
            Cli result = Cli.run(args.toArray(String[]::new));
            assertEquals(Main.USAGE, result.status(), args::toString);
            assertTrue(result.err().startsWith("java " + Main.class.getName() + ": ipcrm "), result.err());
            assertTrue(result.err().lines().findFirst().orElseThrow().contains(testCase.getFirst()),
                    () -> args + " says " + testCase.getFirst() + ": " + result.err());
            assertEquals("", result.out(), args::toString);
        }
        assertEquals(queue.id(), MessageQueue.ofId(queue.id()).id(), "the queue is still there");
    }

    private static void assertGone(Object... objects) {
        for (Object object : objects) {
            switch (object) {
                case MessageQueue q -> assertThrows(IpcNotFoundException.class, () -> MessageQueue.ofId(q.id()));
                case SharedMemory s -> assertThrows(IpcNotFoundException.class, () -> SharedMemory.ofId(s.id()));
                case SemaphoreSet s -> assertThrows(IpcNotFoundException.class, () -> SemaphoreSet.ofId(s.id()));
                default -> throw new IllegalArgumentException(object.toString());
            }
        }
    }
}
