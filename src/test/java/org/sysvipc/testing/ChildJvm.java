package org.sysvipc.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.sysvipc.IpcKey;

/**
 * Starts a class's {@code main} in a child JVM with the module's and the tests' classes, optionally
 * as another user (util-linux setpriv), since a JVM cannot fork.
 *
 * <p>The child loads copies of the classes that every user may read ({@link TestRunDirectory}) and
 * runs in that directory, so that a child run as another user works wherever the checkout is. Its
 * stderr goes to a file there; {@link #await} puts it, with the stdout, in the message of any
 * failure, and copies it to this JVM's stderr otherwise.
 */
public final class ChildJvm {
    private static final Map<Process, Path> STDERR_FILES = new ConcurrentHashMap<>();

    private ChildJvm() {
    }

    /** Starts {@code main} as this user. */
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

    /** Starts {@code main} in a JVM given {@code options} too, such as system properties. */
    public static Process startWithOptions(List<String> options, Class<?> main, String... args) {
        return start(List.of(), options, main, args);
    }

    /** Runs {@code main} to its end and returns its stdout; fails unless it exits 0 within 60 s. */
    public static String run(Class<?> main, String... args) {
        return await(start(main, args));
    }

    /** Runs {@code main} as {@code uid:gid} to its end and returns its stdout; fails unless it exits 0. */
    public static String runAs(int uid, int gid, Class<?> main, String... args) {
        return await(startAs(uid, gid, main, args));
    }

    /**
     * Waits for {@code process} and returns its stdout; fails unless it exits 0 within 60 s, with
     * its stdout and stderr in the message.
     */
    public static String await(Process process) {
        try {
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            boolean ended = process.waitFor(60, TimeUnit.SECONDS);
            if (!ended) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            String err = stderr(process);
            Path file = STDERR_FILES.remove(process);
            if (file != null) {
                Files.deleteIfExists(file);
            }
            if (!ended) {
                throw new AssertionError("child " + commandOf(process) + " did not end in 60 s;" + output(out, err));
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("child " + commandOf(process) + " exited " + process.exitValue() + ";"
                        + output(out, err));
            }
            System.err.print(err);
            return out;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** {@return what the child wrote to stderr so far} Empty for a process this class did not start. */
    public static String stderr(Process process) {
        Path file = STDERR_FILES.get(process);
        try {
            return file == null || !Files.exists(file) ? "" : Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(its stderr cannot be read: " + e + ")";
        }
    }

    private static String output(String out, String err) {
        return "\n--- its stdout:\n" + (out.isEmpty() ? "(nothing)\n" : out)
                + "--- its stderr:\n" + (err.isEmpty() ? "(nothing)\n" : err);
    }

    private static String commandOf(Process process) {
        return process.pid() + " (" + process.info().commandLine().orElse("command line gone") + ")";
    }

    private static Process start(List<String> prefix, Class<?> main, String... args) {
        return start(prefix, List.of(), main, args);
    }

    private static Process start(List<String> prefix, List<String> options, Class<?> main, String... args) {
        List<String> command = new ArrayList<>(prefix);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:-UsePerfData"); // another user cannot write this user's hsperfdata
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.add("-Xmx64m");
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(options);
        command.add("-cp");
        command.add(TestRunDirectory.readableCopyOfClassPathRoot(IpcKey.class) + File.pathSeparator
                + TestRunDirectory.readableCopyOfClassPathRoot(ChildJvm.class));
        command.add(main.getName());
        command.addAll(List.of(args));
        Path stderr = TestRunDirectory.newFile("stderr-" + main.getSimpleName());
        try {
            Process process = new ProcessBuilder(command).directory(TestRunDirectory.get().toFile())
                    .redirectError(stderr.toFile()).start();
            STDERR_FILES.put(process, stderr);
            return process;
        } catch (IOException e) {
            throw new AssertionError("cannot start " + command, e);
        }
    }
}
