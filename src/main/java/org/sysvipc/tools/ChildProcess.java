package org.sysvipc.tools;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A child JVM running one of {@link TutorialChild}'s roles: a JVM cannot fork, so the tutorial
 * starts the same {@code java} with the same class or module path. The child reports on its
 * stdout, one word a line; its stderr is the tutorial's. Its stdin is a pipe from the tutorial
 * that it watches, so that it ends when the tutorial dies, even by SIGKILL.
 */
public final class ChildProcess {
    private final Process process;
    private final BufferedReader reports;

    private ChildProcess(Process process) {
        this.process = process;
        this.reports = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts {@code role} with {@code args} in a child JVM registered with {@code cleanup}. */
    static ChildProcess start(Cleanup cleanup, String role, Object... args) {
        List<String> command = javaCommand();
        command.add(TutorialChild.COMMAND);
        command.add(role);
        for (Object arg : args) {
            command.add(String.valueOf(arg));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        try {
            return new ChildProcess(cleanup.started(builder.start()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** The command that runs {@link Main} in a new JVM the way this one runs: as a module or from the class path. */
    public static List<String> javaCommand() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // small, quick-starting children; no hsperfdata files left behind
        command.add("-XX:+UseSerialGC");
        command.add("-XX:-UsePerfData");
        command.add("-Xmx64m");
        Module module = Main.class.getModule();
        if (module.isNamed()) {
            command.add("--enable-native-access=" + module.getName());
            command.add("--module-path");
            command.add(System.getProperty("jdk.module.path"));
            command.add("--module");
            command.add(module.getName() + "/" + Main.class.getName());
        } else {
            command.add("--enable-native-access=ALL-UNNAMED");
            command.add("--class-path");
            command.add(System.getProperty("java.class.path"));
            command.add(Main.class.getName());
        }
        return command;
    }

    long pid() {
        return process.pid();
    }

    /** Waits for the child's next report and fails unless it is {@code expected}. */
    void expect(String expected) throws IOException {
        String line = reports.readLine();
        if (!expected.equals(line)) {
            throw new IllegalStateException("child process " + pid() + (line == null
                    ? " ended (exit status " + exitStatus() + ") before it reported " + expected
                    : " reported " + line + " instead of " + expected));
        }
    }

    /** Waits for the child to end and returns its exit status. */
    int await(Cleanup cleanup) throws InterruptedException {
        int status = process.waitFor();
        cleanup.ended(process);
        return status;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    private String exitStatus() {
        try {
            return String.valueOf(process.waitFor());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
