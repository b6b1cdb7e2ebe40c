package org.sysvipc.channel;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.sysvipc.IpcKey;

/**
 * A peer process of the channel tests: a child JVM running {@link ChannelPeer}, or the C program
 * {@code channel_peer.c} built with gcc against {@code c/channel} (once per test JVM). Its stdout
 * is read line by line; stderr goes to the test's. gcc is a requirement of the test suite.
 */
final class PeerProcess implements AutoCloseable {
    private static Path cProgram;

    private final Process process;
    private final BufferedReader out;
    private final List<String> command;

    private PeerProcess(List<String> command, boolean sleepAtOnce) {
        this.command = command;
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        if (sleepAtOnce) {
            builder.environment().put("CHANNEL_SLEEP_AT_ONCE", "1");
        } else {
            builder.environment().remove("CHANNEL_SLEEP_AT_ONCE");
        }
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError("cannot start " + command, e);
        }
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts {@link ChannelPeer} in a child JVM. */
    static PeerProcess java(boolean sleepAtOnce, Object... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:-UsePerfData", "-XX:+UseSerialGC", "-Xmx64m", "--enable-native-access=ALL-UNNAMED", "-cp",
                classPathOf(IpcKey.class) + File.pathSeparator + classPathOf(ChannelPeer.class),
                ChannelPeer.class.getName()));
        for (Object arg : args) {
            command.add(arg.toString());
        }
        return new PeerProcess(command, sleepAtOnce);
    }

    /** Starts {@code channel_peer.c}, built once per test JVM. */
    static PeerProcess c(boolean sleepAtOnce, Object... args) {
        List<String> command = new ArrayList<>(List.of(cProgram().toString()));
        for (Object arg : args) {
            command.add(arg.toString());
        }
        return new PeerProcess(command, sleepAtOnce);
    }

    /**
     * Starts {@code channel_peer.c} in a PID namespace of its own ({@code unshare --pid}, with its
     * own /proc), as in a container that shares the IPC namespace but not the PID namespace. Killing
     * the peer kills the process inside too ({@code --kill-child}).
     */
    static PeerProcess cInOwnPidNamespace(Object... args) {
        List<String> command = new ArrayList<>(List.of("unshare", "--pid", "--mount-proc", "--kill-child=SIGKILL",
                cProgram().toString()));
        for (Object arg : args) {
            command.add(arg.toString());
        }
        return new PeerProcess(command, false);
    }

    /** Runs a peer to its end and returns its stdout; fails unless it exits 0 within 120 s. */
    static String run(PeerProcess peer) {
        try (peer) {
            return peer.awaitOutput();
        }
    }

    private static synchronized Path cProgram() {
        if (cProgram == null) {
            try {
                Path directory = Files.createTempDirectory("channel-peer");
                Path source = directory.resolve("channel_peer.c");
                try (var in = PeerProcess.class.getResourceAsStream("channel_peer.c")) {
                    Files.copy(in, source);
                }
                Path executable = directory.resolve("channel_peer");
                Path library = Path.of("c", "channel").toAbsolutePath();
                List<String> gcc = List.of("gcc", "-std=c11", "-O2", "-Wall", "-Wextra", "-Werror", "-I" + library,
                        "-o", executable.toString(), source.toString(), library.resolve("sysv_channel.c").toString());
                Process build = new ProcessBuilder(gcc).redirectErrorStream(true).start();
                String output = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!build.waitFor(120, TimeUnit.SECONDS) || build.exitValue() != 0) {
                    throw new AssertionError("gcc failed: " + gcc + "\n" + output);
                }
                cProgram = executable;
            } catch (IOException e) {
                throw new AssertionError("the channel tests need gcc on PATH (apt-get install gcc): " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return cProgram;
    }

    long pid() {
        return process.pid();
    }

    /** Reads the next line of its stdout; fails at its end. */
    String readLine() {
        try {
            String line = out.readLine();
            if (line == null) {
                throw new AssertionError(command + " ended its output early (exit " + waitExit() + ")");
            }
            return line;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Waits for the process to end and returns the rest of its stdout; fails unless it exits 0. */
    String awaitOutput() {
        try {
            StringBuilder text = new StringBuilder();
            for (String line; (line = out.readLine()) != null; ) {
                text.append(line).append('\n');
            }
            int status = waitExit();
            if (status != 0) {
                throw new AssertionError(command + " exited " + status + "; its output: " + text);
            }
            return text.toString();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private int waitExit() {
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not end in 120 s");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** SIGKILL, and waits until the kernel has reaped it, so that /proc no longer shows it. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private static String classPathOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }
}
