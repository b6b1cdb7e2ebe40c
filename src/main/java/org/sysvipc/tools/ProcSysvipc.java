package org.sysvipc.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.sysvipc.tools.IpcsTable.QueueRow;
import org.sysvipc.tools.IpcsTable.SegmentRow;
import org.sysvipc.tools.IpcsTable.SemaphoreSetRow;

/**
 * Lists the IPC objects of this process's IPC namespace from {@code /proc/sysvipc}, whose tables
 * the kernel writes with a header line naming the columns.
 */
final class ProcSysvipc {
    private static final Path DIRECTORY = Path.of("/proc/sysvipc");

    private ProcSysvipc() {
    }

    static List<QueueRow> queues() throws IOException {
        List<QueueRow> rows = new ArrayList<>();
        for (Map<String, String> row : table("msg")) {
            rows.add(new QueueRow(integer(row, "key"), integer(row, "msqid"), integer(row, "uid"),
                    octal(row, "perms"), number(row, "cbytes"), number(row, "qnum")));
        }
        return rows;
    }

    static List<SegmentRow> segments() throws IOException {
        List<SegmentRow> rows = new ArrayList<>();
        for (Map<String, String> row : table("shm")) {
            rows.add(new SegmentRow(integer(row, "key"), integer(row, "shmid"), integer(row, "uid"),
                    octal(row, "perms"), number(row, "size"), number(row, "nattch")));
        }
        return rows;
    }

    static List<SemaphoreSetRow> semaphoreSets() throws IOException {
        List<SemaphoreSetRow> rows = new ArrayList<>();
        for (Map<String, String> row : table("sem")) {
            rows.add(new SemaphoreSetRow(integer(row, "key"), integer(row, "semid"), integer(row, "uid"),
                    octal(row, "perms"), integer(row, "nsems")));
        }
        return rows;
    }

    /** User names from {@code /etc/passwd}, as far as it names the uids; none if it cannot be read. */
    static IntFunction<String> userNames() {
        Map<Integer, String> names = new HashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
                String[] fields = line.split(":", -1);
                if (fields.length > 2) {
                    try {
                        names.putIfAbsent(Integer.parseInt(fields[2]), fields[0]);
                    } catch (NumberFormatException ignored) {
                        // a comment or a malformed line names no one
                    }
                }
            }
        } catch (IOException unreadable) {
            // then owners show as numbers, as ipcs shows uids without names
        }
        return names::get;
    }

    /** The rows of {@code /proc/sysvipc/<name>}, each mapping column name to value. */
    private static List<Map<String, String>> table(String name) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(DIRECTORY.resolve(name));
        } catch (NoSuchFileException e) {
            throw new IOException("cannot list IPC objects: " + e.getFile()
                    + " is missing (is /proc mounted, and the kernel built with System V IPC?)", e);
        }
        List<Map<String, String>> rows = new ArrayList<>();
        if (lines.isEmpty()) {
            return rows;
        }
        String[] columns = lines.getFirst().trim().split("\\s+");
        for (String line : lines.subList(1, lines.size())) {
            String[] values = line.trim().split("\\s+");
            if (values.length < columns.length) {
                continue; // not a row; the kernel writes none such
            }
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < columns.length; i++) {
                row.put(columns[i], values[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    private static int integer(Map<String, String> row, String column) {
        // keys print signed, uids unsigned: both fit an int's 32 bits
        return (int) Long.parseLong(value(row, column));
    }

    private static long number(Map<String, String> row, String column) {
        return Long.parseUnsignedLong(value(row, column));
    }

    private static int octal(Map<String, String> row, String column) {
        return Integer.parseInt(value(row, column), 8);
    }

    private static String value(Map<String, String> row, String column) {
        String value = row.get(column);
        if (value == null) {
            throw new IllegalStateException("/proc/sysvipc has no column " + column);
        }
        return value;
    }
}
