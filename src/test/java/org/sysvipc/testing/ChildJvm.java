package org.sysvipc.testing;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.sysvipc.IpcKey;

/**
 * Starts a class's {@code main} in a child JVM with the module's and the tests' classes, optionally
 * as another user (util-linux setpriv), since a JVM cannot fork.
 */
public final class ChildJvm {
    private ChildJvm() {
    }

    /** Starts {@code main} as this user; its stderr goes to this JVM's. */
    public static Process start(Class<?> main, String... args) {
        return start(List.of(), main, args);
    }

    /** Starts {@code main} as {@code uid:gid} with no supplementary groups. */
    public static Process startAs(int uid, int gid, Class<?> main, String... args) {
        return start(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups"), main, args);
    }

    /**
     * Starts {@code main} behind {@code prefix}, a command that ends by executing the rest of its
     * arguments (the JVM's command line), such as {@code unshare --ipc} or {@code setpriv ...}.
     */
    public static Process startWithPrefix(List<String> prefix, Class<?> main, String... args) {
        return start(prefix, main, args);
    }

    /** Runs {@code main} to its end and returns its stdout; fails unless it exits 0 within 60 s. */
    public static String run(Class<?> main, String... args) {
        return await(start(main, args));
    }

    /** Runs {@code main} as {@code uid:gid} to its end and returns its stdout; fails unless it exits 0. */
    public static String runAs(int uid, int gid, Class<?> main, String... args) {
        return await(startAs(uid, gid, main, args));
    }

    /** Waits for {@code process} and returns its stdout; fails unless it exits 0 within 60 s. */
    public static String await(Process process) {
        try {
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("child did not end in 60 s; its output: " + out);
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("child exited " + process.exitValue() + "; its output: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Process start(List<String> prefix, Class<?> main, String... args) {
        List<String> command = new ArrayList<>(prefix);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:-UsePerfData"); // another user cannot write this user's hsperfdata
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.add("-Xmx64m");
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-cp");
        command.add(classPathOf(IpcKey.class) + File.pathSeparator + classPathOf(ChildJvm.class));
        command.add(main.getName());
        command.addAll(List.of(args));
        try {
            return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new AssertionError("cannot start " + command, e);
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
