package org.sysvipc.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sysvipc.IpcException;
import org.sysvipc.IpcNotFoundException;
import org.sysvipc.IpcObject;
import org.sysvipc.IpcPermissions;
import org.sysvipc.IpcRemovedException;
import org.sysvipc.MessageQueue;
import org.sysvipc.SemaphoreSet;
import org.sysvipc.SharedMemory;
import org.sysvipc.SharedMemoryStat;
import org.sysvipc.tools.TutorialRunRecord.Entry;
import org.sysvipc.tools.TutorialRunRecord.Owner;

/**
 * Removes what killed tutorial runs left: a run killed with SIGKILL cannot remove its semaphore
 * set, segment, queue and directory, so the next run does. It touches only what it can tell is such
 * a run's:
 * <ul>
 * <li>a directory {@code sysvipc-tutorial-*} in the temporary directory, not a link, owned by this
 *     user, with a {@link TutorialRunRecord} (a regular file, owned by this user) in it;
 * <li>whose owner has ended (no process has its pid, or the one that has started at another time),
 *     in this process's IPC and pid namespaces, so that its ids and pid mean here what they meant
 *     there;
 * <li>and of the objects it lists, only each one that still is the one the run made: the same kind,
 *     id and key, created by this user, and for a queue the same change time, for a segment the same
 *     size, change time and creator (the run's own pid), for a set the same number of semaphores and a
 *     change time no earlier.
 * </ul>
 * Anything else stays, and is named. What a run made but had not yet recorded when it was killed (a
 * moment between a call and the next line) stays too.
 */
final class KilledTutorialRuns {
    static final String DIRECTORY_PREFIX = "sysvipc-tutorial-";

    private KilledTutorialRuns() {
    }

    /**
     * Removes the leftovers of killed runs from {@code directory}'s parent, skipping
     * {@code directory} (this run's own, whose owner is this process's user), and reports on
     * {@code log} each run cleaned up and anything left.
     */
    static void removeLeftovers(Path directory, PrintStream log) throws IOException {
        int me = (Integer) Files.getAttribute(directory, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        Owner self = Owner.current();
        List<Path> runs = new ArrayList<>();
        try (DirectoryStream<Path> candidates = Files.newDirectoryStream(directory.getParent(), DIRECTORY_PREFIX + "*")) {
            candidates.forEach(runs::add);
        }
        for (Path run : runs) {
            if (!run.equals(directory)) {
                try {
                    removeIfKilled(run, me, self, log);
                } catch (NoSuchFileException removedMeanwhile) {
                    // another tutorial run cleaned it up at the same time
                }
            }
        }
    }

    private static void removeIfKilled(Path run, int me, Owner self, PrintStream log) throws IOException {
        Path file = run.resolve(TutorialRunRecord.FILE_NAME);
        if (!Files.isDirectory(run, LinkOption.NOFOLLOW_LINKS) || !ownedBy(run, me)
                || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || !ownedBy(file, me)) {
            return; // not a run of this user's, or one that has not written its record yet
        }
        TutorialRunRecord.Contents record;
        try {
            record = TutorialRunRecord.read(file);
        } catch (IllegalArgumentException e) {
            log.println("tutorial: left " + run + ": its " + file.getFileName() + " is not a run record (" + e.getMessage() + ")");
            return;
        }
        Owner owner = record.owner();
        if (!owner.ipcNamespace().equals(self.ipcNamespace()) || !owner.pidNamespace().equals(self.pidNamespace())
                || !owner.ended()) {
            return; // running, or in namespaces whose ids and pids this process cannot judge
        }
        List<String> removed = new ArrayList<>();
        boolean failed = false;
        for (Entry entry : record.entries()) {
            Outcome outcome = removeIfSame(entry, owner, me);
            switch (outcome.kind()) {
                case REMOVED -> removed.add(entry.name());
                case GONE -> { }
                case NOT_THE_SAME -> log.println("tutorial: left " + entry.name() + ", listed by the killed run "
                        + owner.pid() + ": it is no longer the object that run made (" + outcome.detail() + ")");
                case FAILED -> {
                    failed = true;
                    log.println("tutorial: could not remove " + entry.name() + ", left by the killed run "
                            + owner.pid() + ": " + outcome.detail());
                }
            }
        }
        if (!failed) {
            // the record goes last, so that a failure above leaves it for the next run to retry
            Cleanup.deleteTree(run);
            removed.add("directory " + run);
        }
        log.println("tutorial: removed what a killed tutorial run (pid " + owner.pid() + ") left: "
                + (removed.isEmpty() ? "nothing" : String.join(", ", removed)));
    }

    private static boolean ownedBy(Path path, int uid) throws IOException {
        return (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS) == uid;
    }

    /** What became of one object a killed run listed. */
    private record Outcome(Kind kind, String detail) {
        enum Kind { REMOVED, GONE, NOT_THE_SAME, FAILED }
    }

    /** Removes the object if it is still the one the entry describes. */
    private static Outcome removeIfSame(Entry entry, Owner owner, int me) {
        try {
            IpcObject object = switch (entry.kind()) {
                case Entry.QUEUE -> MessageQueue.ofId(entry.id());
                case Entry.SET -> SemaphoreSet.ofId(entry.id());
                default -> SharedMemory.ofId(entry.id());
            };
            String difference = difference(entry, owner, me, object);
            if (difference != null) {
                return new Outcome(Outcome.Kind.NOT_THE_SAME, difference);
            }
            object.remove();
            return new Outcome(Outcome.Kind.REMOVED, "");
        } catch (IpcNotFoundException | IpcRemovedException gone) {
            return new Outcome(Outcome.Kind.GONE, "");
        } catch (IpcException e) {
            return new Outcome(Outcome.Kind.FAILED, e.getMessage());
        }
    }

    /** How the object differs from the entry, or null if it matches in all the entry records. */
    private static String difference(Entry entry, Owner owner, int me, IpcObject object) {
        IpcPermissions permissions;
        long changeTime;
        switch (object) {
            case MessageQueue queue -> {
                var stat = queue.stat();
                permissions = stat.permissions();
                changeTime = stat.lastChange().getEpochSecond();
                if (changeTime != entry.changeTime()) {
                    return "changed at " + changeTime + ", not " + entry.changeTime();
                }
            }
            case SemaphoreSet set -> {
                var stat = set.stat();
                permissions = stat.permissions();
                changeTime = stat.lastChange().getEpochSecond();
                if (stat.count() != entry.detail()) {
                    return stat.count() + " semaphores, not " + entry.detail();
                }
                if (changeTime < entry.changeTime()) {
                    return "changed at " + changeTime + ", before the run made it at " + entry.changeTime();
                }
            }
            case SharedMemory memory -> {
                SharedMemoryStat stat = memory.stat();
                permissions = stat.permissions();
                changeTime = stat.lastChange().getEpochSecond();
                if (stat.size() != entry.detail() || changeTime != entry.changeTime()
                        || stat.creatorPid() != owner.pid()) {
                    return "size " + stat.size() + ", changed at " + changeTime + ", made by " + stat.creatorPid()
                            + "; the run's was size " + entry.detail() + ", changed at " + entry.changeTime()
                            + ", made by " + owner.pid();
                }
            }
        }
        if (permissions.key().value() != entry.key()) {
            return String.format("key 0x%08x, not 0x%08x", permissions.key().value(), entry.key());
        }
        if (permissions.creatorUid() != me) {
            return "created by uid " + permissions.creatorUid() + ", not " + me;
        }
        return null;
    }
}
