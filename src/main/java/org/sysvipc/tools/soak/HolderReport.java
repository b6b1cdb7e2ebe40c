package org.sysvipc.tools.soak;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What a process that kept a channel's lock or consumer role was doing, for the soak's failure
 * message: its state and each thread's wait channel from /proc, and a thread dump from jstack.
 */
final class HolderReport {
    private static final long JSTACK_SECONDS = 20;
    private static final int MAX_DUMP_CHARS = 20_000;

    private HolderReport() {
    }

    /** {@return a description of process {@code pid}, or why there is none; never throws} */
    static String of(int pid) {
        return "\n" + procState(pid) + "\n" + threadDump(pid);
    }

    private static String procState(int pid) {
        Path proc = Path.of("/proc", Integer.toString(pid));
        StringBuilder out = new StringBuilder();
        try {
            out.append("stat: ").append(read(proc.resolve("stat")));
            try (Stream<Path> tasks = Files.list(proc.resolve("task"))) {
                tasks.sorted().forEach(task -> out.append("\n  task ").append(task.getFileName()).append(": ")
                        .append(read(task.resolve("comm"))).append(" ")
                        .append(stateOf(read(task.resolve("stat")))).append(" wchan ").append(read(task.resolve("wchan"))));
            }
        } catch (IOException | RuntimeException e) {
            out.append(" (/proc: ").append(e).append(")");
        }
        return out.toString();
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    private static String stateOf(String stat) {
        int close = stat.lastIndexOf(')');
        return close >= 0 && close + 2 < stat.length() ? String.valueOf(stat.charAt(close + 2)) : "?";
    }

    private static String threadDump(int pid) {
        Path jstack = Path.of(System.getProperty("java.home"), "bin", "jstack");
        try {
            Process process = new ProcessBuilder(jstack.toString(), Integer.toString(pid)).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readNBytes(MAX_DUMP_CHARS);
            if (!process.waitFor(JSTACK_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            return "jstack " + pid + ":\n" + new String(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no thread dump: " + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(no thread dump: interrupted)";
        }
    }
}
