package org.sysvipc.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sysvipc.IpcObject;
import org.sysvipc.MessageQueue;
import org.sysvipc.MessageQueueStat;
import org.sysvipc.SemaphoreSet;
import org.sysvipc.SharedMemory;
import org.sysvipc.SharedMemoryStat;

/**
 * The file {@value #FILE_NAME} in a tutorial run's directory: which process runs it, and the IPC
 * objects it has made and not yet removed, each with what identifies it beyond its id. A run that
 * ends in any way but SIGKILL removes its directory, this file with it; the file of a killed run
 * tells the next run what to remove ({@link KilledTutorialRuns}). It is rewritten whole, by rename,
 * at each change, so it is never read half written.
 *
 * <p>Format, one item a line: {@code sysvipc-tutorial-run 1}, then {@code owner PID START IPC-NS PID-NS}
 * (START the process's start in epoch milliseconds, or -1 if unknown; the namespaces as
 * {@code /proc/self/ns} names them), then one line an object: {@code KIND ID KEY CTIME DETAIL},
 * KEY hexadecimal, CTIME the object's change time in epoch seconds when made, DETAIL the number of
 * semaphores, or the segment's size.
 */
final class TutorialRunRecord {
    static final String FILE_NAME = "tutorial-run";
    static final String HEADER = "sysvipc-tutorial-run 1";

    /** Who ran the tutorial: a process, and the namespaces its pid and IPC ids belong to. */
    record Owner(long pid, long startMillis, String ipcNamespace, String pidNamespace) {
        /** This process. */
        static Owner current() {
            ProcessHandle self = ProcessHandle.current();
            return new Owner(self.pid(), self.info().startInstant().map(i -> i.toEpochMilli()).orElse(-1L),
                    namespace("ipc"), namespace("pid"));
        }

        /**
         * Whether the process is known to have ended: no process has its pid, or the one that has
         * started at another time. A process whose start is unknown counts as alive.
         */
        boolean ended() {
            Optional<ProcessHandle> process = ProcessHandle.of(pid);
            if (process.isEmpty() || !process.get().isAlive()) {
                return true;
            }
            Optional<Long> start = process.get().info().startInstant().map(i -> i.toEpochMilli());
            return startMillis >= 0 && start.isPresent() && start.get() != startMillis;
        }

        private static String namespace(String kind) {
            try {
                return Files.readSymbolicLink(Path.of("/proc/self/ns", kind)).toString();
            } catch (IOException | UnsupportedOperationException e) {
                return "unknown";
            }
        }
    }

    /** One IPC object the run made: its kind and id, and what else must match for it to be the same. */
    record Entry(String kind, int id, int key, long changeTime, long detail) {
        static final String QUEUE = "message-queue";
        static final String SET = "semaphore-set";
        static final String SEGMENT = "shared-memory";

        /** The entry for an object just made: its key, its change time and its size. */
        static Entry of(IpcObject object) {
            return switch (object) {
                case MessageQueue queue -> {
                    MessageQueueStat stat = queue.stat();
                    yield new Entry(QUEUE, queue.id(), queue.key().value(), stat.lastChange().getEpochSecond(), 0);
                }
                case SemaphoreSet set -> new Entry(SET, set.id(), set.key().value(),
                        set.stat().lastChange().getEpochSecond(), set.size());
                case SharedMemory memory -> {
                    SharedMemoryStat stat = memory.stat();
                    yield new Entry(SEGMENT, memory.id(), memory.key().value(), stat.lastChange().getEpochSecond(),
                            stat.size());
                }
            };
        }

        /** The kind and id, which name an object in one IPC namespace. */
        static String kindAndId(IpcObject object) {
            return switch (object) {
                case MessageQueue queue -> QUEUE + " " + queue.id();
                case SemaphoreSet set -> SET + " " + set.id();
                case SharedMemory memory -> SEGMENT + " " + memory.id();
            };
        }

        /** The words the tutorial's log uses for it: "semaphore set 5". */
        String name() {
            return (kind.equals(SEGMENT) ? "shared memory segment" : kind.replace('-', ' ')) + " " + id;
        }

        String line() {
            return kind + " " + id + " " + Integer.toHexString(key) + " " + changeTime + " " + detail;
        }

        static Entry parse(String line) {
            String[] words = line.split(" ");
            if (words.length != 5 || !List.of(QUEUE, SET, SEGMENT).contains(words[0])) {
                throw new IllegalArgumentException("not an object line: " + line);
            }
            return new Entry(words[0], Integer.parseInt(words[1]), Integer.parseUnsignedInt(words[2], 16),
                    Long.parseLong(words[3]), Long.parseLong(words[4]));
        }
    }

    private final Path file;
    private final Owner owner;
    /** The objects, by kind and id. */
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    private TutorialRunRecord(Path file, Owner owner) {
        this.file = file;
        this.owner = owner;
    }

    /** Writes the record of this process's run in {@code directory}, with no objects yet. */
    static TutorialRunRecord create(Path directory) {
        return create(directory, Owner.current());
    }

    /** Writes a record in {@code directory} of a run by {@code owner}, with no objects yet. */
    static TutorialRunRecord create(Path directory, Owner owner) {
        TutorialRunRecord record = new TutorialRunRecord(directory.resolve(FILE_NAME), owner);
        record.write();
        return record;
    }

    /** Adds an object this run just made. */
    void added(IpcObject object) {
        added(Entry.of(object));
    }

    /** Adds an object as {@code entry} describes it. */
    synchronized void added(Entry entry) {
        entries.put(entry.kind() + " " + entry.id(), entry);
        write();
    }

    /** Drops an object this run has removed. */
    synchronized void removed(IpcObject object) {
        if (entries.remove(Entry.kindAndId(object)) != null) {
            write();
        }
    }

    /** The owner and the objects of a record as read from its file. */
    record Contents(Owner owner, List<Entry> entries) {
    }

    /** Reads a record file; fails with IllegalArgumentException if it is not one. */
    static Contents read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.size() < 2 || !lines.get(0).equals(HEADER)) {
            throw new IllegalArgumentException("not a tutorial run record");
        }
        String[] owner = lines.get(1).split(" ");
        if (owner.length != 5 || !owner[0].equals("owner")) {
            throw new IllegalArgumentException("no owner line: " + lines.get(1));
        }
        List<Entry> entries = new ArrayList<>();
        for (String line : lines.subList(2, lines.size())) {
            entries.add(Entry.parse(line));
        }
        return new Contents(new Owner(Long.parseLong(owner[1]), Long.parseLong(owner[2]), owner[3], owner[4]),
                entries);
    }

    private void write() {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        text.append("owner ").append(owner.pid()).append(' ').append(owner.startMillis()).append(' ')
                .append(owner.ipcNamespace()).append(' ').append(owner.pidNamespace()).append('\n');
        for (Entry entry : entries.values()) {
            text.append(entry.line()).append('\n');
        }
        try {
            Path next = file.resolveSibling(FILE_NAME + ".next");
            Files.writeString(next, text, StandardCharsets.UTF_8);
            Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the tutorial's run record " + file, e);
        }
    }
}
