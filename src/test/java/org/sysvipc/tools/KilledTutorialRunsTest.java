package org.sysvipc.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sysvipc.IpcObject;
import org.sysvipc.MessageQueue;
import org.sysvipc.SemaphoreSet;
import org.sysvipc.SharedMemory;
import org.sysvipc.testing.ChildJvm;
import org.sysvipc.testing.IpcCleanup;
import org.sysvipc.tools.TutorialRunRecord.Entry;
import org.sysvipc.tools.TutorialRunRecord.Owner;

/**
 * What the tutorial removes of a killed run's, and what it leaves: only what it can tell is that
 * run's. (TutorialTest kills a real run and checks the next one cleans up after it.)
 */
class KilledTutorialRunsTest {
    private static final int OTHER_USER = 1000;

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    @TempDir
    Path temp;

    /** The directory of the run that looks for leftovers. */
    private Path ours;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @BeforeEach
    void makeOurRun() throws IOException {
        ours = Files.createDirectory(temp.resolve("sysvipc-tutorial-ours"));
        TutorialRunRecord.create(ours);
    }

    /** A process that has ended, in this process's namespaces. */
    private static Owner endedOwner() throws Exception {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        Owner self = Owner.current();
        return new Owner(process.pid(), -1, self.ipcNamespace(), self.pidNamespace());
    }

    private Path run(String name, Owner owner, Consumer<TutorialRunRecord> objects) throws IOException {
        Path directory = Files.createDirectory(temp.resolve(KilledTutorialRuns.DIRECTORY_PREFIX + name));
        objects.accept(TutorialRunRecord.create(directory, owner));
        return directory;
    }

    private String lookForLeftovers() throws IOException {
        KilledTutorialRuns.removeLeftovers(ours, new PrintStream(log, true, StandardCharsets.UTF_8));
        return log.toString(StandardCharsets.UTF_8);
    }

    private static boolean exists(IpcObject object) {
        try {
            switch (object) {
                case MessageQueue queue -> MessageQueue.ofId(queue.id());
                case SemaphoreSet set -> SemaphoreSet.ofId(set.id());
                case SharedMemory memory -> SharedMemory.ofId(memory.id());
            }
            return true;
        } catch (org.sysvipc.IpcNotFoundException gone) {
            return false;
        }
    }

    @Test
    void aKilledRunsObjectsAndDirectoryAreRemovedAndNamed() throws Exception {
        SemaphoreSet set = cleanup.add(SemaphoreSet.createPrivate(2));
        MessageQueue queue = cleanup.add(MessageQueue.createPrivate());
        Owner owner = endedOwner();
        Path killed = run("killed", owner, record -> {
            record.added(set);
            record.added(queue);
        });
        String said = lookForLeftovers();
        assertFalse(exists(set), said);
        assertFalse(exists(queue), said);
        assertFalse(Files.exists(killed), said);
        assertEquals("tutorial: removed what a killed tutorial run (pid " + owner.pid() + ") left: semaphore set "
                + set.id() + ", message queue " + queue.id() + ", directory " + killed + "\n", said);
        assertTrue(Files.exists(ours.resolve(TutorialRunRecord.FILE_NAME)), "our own run is left alone");
    }

    @Test
    void aRunWhoseOwnerIsAliveIsLeftAlone() throws Exception {
        SemaphoreSet set = cleanup.add(SemaphoreSet.createPrivate(2));
        Path running = run("running", Owner.current(), record -> record.added(set));
        assertEquals("", lookForLeftovers());
        assertTrue(exists(set));
        assertTrue(Files.exists(running));
    }

    @Test
    void anIdThatNowNamesAnotherObjectIsLeftAloneAndNamed() throws Exception {
        SemaphoreSet threeSemaphores = cleanup.add(SemaphoreSet.createPrivate(3));
        MessageQueue queue = cleanup.add(MessageQueue.createPrivate());
        SharedMemory segment = cleanup.add(SharedMemory.createPrivate(8)); // made by this process, not the run
        Entry queueEntry = Entry.of(queue);
        Owner owner = endedOwner();
        Path killed = run("reused-ids", owner, record -> {
            Entry set = Entry.of(threeSemaphores);
            record.added(new Entry(set.kind(), set.id(), set.key(), set.changeTime(), 2));
            record.added(new Entry(queueEntry.kind(), queueEntry.id(), 0x5e5e0001, queueEntry.changeTime(), 0));
            record.added(segment);
        });
        String said = lookForLeftovers();
        assertTrue(exists(threeSemaphores) && exists(queue) && exists(segment), said);
        List<String> lines = said.lines().toList();
        assertEquals(4, lines.size(), said);
        assertEquals("tutorial: left semaphore set " + threeSemaphores.id() + ", listed by the killed run " + owner.pid()
                + ": it is no longer the object that run made (3 semaphores, not 2)", lines.get(0));
        assertTrue(lines.get(1).endsWith("(key 0x00000000, not 0x5e5e0001)"), said);
        assertTrue(lines.get(2).contains("made by " + ProcessHandle.current().pid() + "; the run's was size 8"), said);
        assertEquals("tutorial: removed what a killed tutorial run (pid " + owner.pid() + ") left: directory " + killed,
                lines.get(3));
    }

    @Test
    void anObjectAnotherUserMadeIsLeftAlone() throws Exception {
        int id = Integer.parseInt(ChildJvm.runAs(OTHER_USER, OTHER_USER, CreateSetChild.class).strip());
        SemaphoreSet theirs = cleanup.add(SemaphoreSet.ofId(id));
        run("other-users-set", endedOwner(), record -> record.added(theirs));
        String said = lookForLeftovers();
        assertTrue(exists(theirs), said);
        assertTrue(said.contains("(created by uid " + OTHER_USER + ", not 0)"), said);
    }

    @Test
    void directoriesNotOfAKilledRunOfThisUserInTheseNamespacesAreLeftAlone() throws Exception {
        SemaphoreSet set = cleanup.add(SemaphoreSet.createPrivate(2));
        Owner ended = endedOwner();
        Path anotherUsers = run("another-users", ended, record -> record.added(set));
        Files.setAttribute(anotherUsers, "unix:uid", OTHER_USER);
        Path recordOfAnotherUser = run("record-of-another-user", ended, record -> record.added(set));
        Files.setAttribute(recordOfAnotherUser.resolve(TutorialRunRecord.FILE_NAME), "unix:uid", OTHER_USER);
        Path linkedRecord = run("linked-record", ended, record -> record.added(set));
        Path elsewhere = Files.move(linkedRecord.resolve(TutorialRunRecord.FILE_NAME), temp.resolve("record"));
        Files.createSymbolicLink(linkedRecord.resolve(TutorialRunRecord.FILE_NAME), elsewhere);
        Path otherNamespace = run("other-ipc-namespace", new Owner(ended.pid(), -1, "ipc:[1]", ended.pidNamespace()),
                record -> record.added(set));
        Path withoutRecord = Files.createDirectory(temp.resolve(KilledTutorialRuns.DIRECTORY_PREFIX + "starting"));
        Path linkedDirectory = Files.createSymbolicLink(temp.resolve(KilledTutorialRuns.DIRECTORY_PREFIX + "link"),
                run("linked", Owner.current(), record -> { }));

        assertEquals("", lookForLeftovers());
        assertTrue(exists(set));
        for (Path left : List.of(anotherUsers, recordOfAnotherUser, linkedRecord, otherNamespace, withoutRecord,
                linkedDirectory)) {
            assertTrue(Files.exists(left), left + " is left");
        }
    }

    @Test
    void aRecordThatIsNotOneIsNamedAndLeft() throws Exception {
        Path broken = Files.createDirectory(temp.resolve(KilledTutorialRuns.DIRECTORY_PREFIX + "broken"));
        Files.writeString(broken.resolve(TutorialRunRecord.FILE_NAME), "sysvipc-tutorial-run 1\nowner 12\n");
        assertTrue(lookForLeftovers().startsWith("tutorial: left " + broken + ": its tutorial-run is not a run record"));
        assertTrue(Files.exists(broken));
    }

    @Test
    void theRecordListsWhatTheRunMadeAndHasNotRemoved() throws Exception {
        SemaphoreSet set = cleanup.add(SemaphoreSet.createPrivate(2));
        SharedMemory segment = cleanup.add(SharedMemory.createPrivate(8));
        Path directory = Files.createDirectory(temp.resolve("record"));
        TutorialRunRecord record = TutorialRunRecord.create(directory);
        record.added(set);
        record.added(segment);
        record.removed(set);
        TutorialRunRecord.Contents read = TutorialRunRecord.read(directory.resolve(TutorialRunRecord.FILE_NAME));
        assertEquals(Owner.current(), read.owner());
        assertEquals(List.of(Entry.of(segment)), read.entries());
        assertEquals(8, read.entries().getFirst().detail());
        assertEquals(List.of(TutorialRunRecord.FILE_NAME), Files.list(directory).map(p -> p.getFileName().toString()).toList());
    }
}
