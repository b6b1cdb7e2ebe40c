package org.sysvipc.channel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Who writes a record or holds a role, and whether that process still lives. A process is named by
 * its pid, the inode of its PID namespace ({@code /proc/self/ns/pid}) and the low 32 bits of its
 * start time ({@code /proc/<pid>/stat} field 22, clock ticks since boot), so that a pid used again
 * by a new process does not pass for the old one.
 *
 * <p>A process is judged dead only when that is certain: its pid is in this process's PID namespace
 * and {@code /proc/<pid>/stat} is missing, shows a zombie, or a different start time. Anything else,
 * a process of another PID namespace (containers sharing an IPC namespace but not a PID namespace)
 * or a {@code /proc} that cannot be read, counts as alive, so that no live writer's record is ever
 * skipped.
 *
 * @param pid          the process id, as {@code getpid()} gives it
 * @param pidNamespace the inode number of its PID namespace, 0 if unknown
 * @param startTime    the low 32 bits of its start time in clock ticks, 0 if unknown
 */
record ProcessIdentity(int pid, int pidNamespace, int startTime) {
    /** This process. */
    static final ProcessIdentity CURRENT = current();

    /** What a liveness check can tell. */
    enum Liveness {
        ALIVE, DEAD, UNKNOWN
    }

    /** {@return the 64-bit word a claim lock or the consumer field holds: the namespace in the high half, the pid in the low} */
    long word() {
        return word(pid, pidNamespace);
    }

    static long word(int pid, int pidNamespace) {
        return (long) pidNamespace << 32 | (pid & 0xFFFFFFFFL);
    }

    static int pidOf(long word) {
        return (int) word;
    }

    static int namespaceOf(long word) {
        return (int) (word >>> 32);
    }

    /** {@return whether the process is certainly gone; never true for one that may be alive} */
    boolean isCertainlyDead() {
        return liveness() == Liveness.DEAD;
    }

    /** {@return what can be known about the process from here} */
    Liveness liveness() {
        if (pid <= 0 || pidNamespace == 0 || pidNamespace != CURRENT.pidNamespace) {
            return Liveness.UNKNOWN;
        }
        byte[] stat;
        try {
            stat = Files.readAllBytes(Path.of("/proc", Integer.toString(pid), "stat"));
        } catch (NoSuchFileException gone) {
            return Liveness.DEAD;
        } catch (IOException | SecurityException e) {
            return Liveness.UNKNOWN;
        }
        Stat parsed = Stat.parse(stat);
        if (parsed == null) {
            return Liveness.UNKNOWN;
        }
        if (parsed.state == 'Z' || parsed.state == 'X' || parsed.state == 'x') {
            return Liveness.DEAD;
        }
        if (startTime != 0 && (int) parsed.startTime != startTime) {
            return Liveness.DEAD; // the pid now names another process
        }
        return Liveness.ALIVE;
    }

    private static ProcessIdentity current() {
        int pid = (int) ProcessHandle.current().pid();
        int namespace = 0;
        int start = 0;
        try {
            String link = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString(); // pid:[4026531836]
            namespace = (int) Long.parseLong(link.substring(link.indexOf('[') + 1, link.indexOf(']')));
            Stat stat = Stat.parse(Files.readAllBytes(Path.of("/proc/self/stat")));
            start = stat == null ? 0 : (int) stat.startTime;
        } catch (IOException | RuntimeException e) {
            start = 0;
        }
        if (start == 0) {
            namespace = 0; // without /proc no process's liveness can be judged; all count as alive
        }
        return new ProcessIdentity(pid, namespace, start);
    }

    /** The two fields of {@code /proc/<pid>/stat} that matter here. */
    private record Stat(char state, long startTime) {
        /** Fields after the command, which is in parentheses and may hold anything, so the last ')' ends it. */
        static Stat parse(byte[] bytes) {
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            int close = text.lastIndexOf(')');
            if (close < 0 || close + 2 >= text.length()) {
                return null;
            }
            String[] fields = text.substring(close + 2).trim().split(" ");
            // fields[0] is field 3 (state); field 22 (starttime) is fields[19]
            if (fields.length < 20 || fields[0].isEmpty()) {
                return null;
            }
            try {
                return new Stat(fields[0].charAt(0), Long.parseLong(fields[19]));
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
