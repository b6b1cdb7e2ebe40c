package org.sysvipc.tools.soak;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sysvipc.IpcException;
import org.sysvipc.MessageQueue;
import org.sysvipc.SemaphoreSet;
import org.sysvipc.SharedMemory;
import org.sysvipc.tools.Main;

/**
 * A soak run in a child JVM, as the jar runs it, and what its {@code --verbose} stderr says it
 * created and started, so that a test can check that all of it is gone afterwards.
 */
final class SoakRun {
    private static final Pattern CREATED = Pattern.compile(
            "soak: created (message queue|semaphore set|shared memory segment) (\\d+) .*");
    private static final Pattern STARTED = Pattern.compile("soak: started (?:worker|janitor) process (\\d+).*");

    /** An object the soak said it created. */
    record CreatedObject(String kind, int id) {
        String procEntry() {
            return switch (kind) {
                case "message queue" -> "msg:" + id;
                case "semaphore set" -> "sem:" + id;
                default -> "shm:" + id;
            };
        }

        void removeIfPresent() {
            try {
                switch (kind) {
                    case "message queue" -> MessageQueue.ofId(id).remove();
                    case "semaphore set" -> SemaphoreSet.ofId(id).remove();
                    default -> SharedMemory.ofId(id).remove();
                }
            } catch (IpcException gone) {
                // removed, as it should be
            }
        }
    }

    private SoakRun() {
    }

    /** {@return a builder for {@code java ... Main ARGS} from the compiled classes, behind {@code prefix}} */
    static ProcessBuilder command(List<String> prefix, String... args) {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:-UsePerfData", "--enable-native-access=ALL-UNNAMED",
                "--class-path", classes(), Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    /** Waits up to {@code seconds} for a line of {@code file} that starts with {@code prefix}. */
    static void awaitLine(Path file, String prefix, Process writer, long seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (Files.exists(file) && Files.readString(file).lines().anyMatch(line -> line.startsWith(prefix))) {
                return;
            }
            if (!writer.isAlive()) {
                throw new AssertionError("the soak ended (status " + writer.exitValue() + ") before it said \"" + prefix
                        + "\"; stderr:\n" + Files.readString(file));
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        throw new AssertionError("no \"" + prefix + "\" in " + seconds + " s; stderr:\n" + Files.readString(file));
    }

    static List<CreatedObject> createdObjects(String log) {
        List<CreatedObject> objects = new ArrayList<>();
        for (String line : log.lines().toList()) {
            Matcher m = CREATED.matcher(line);
            if (m.matches()) {
                objects.add(new CreatedObject(m.group(1), Integer.parseInt(m.group(2))));
            }
        }
        return objects;
    }

    static List<Long> startedProcesses(String log) {
        return log.lines().map(STARTED::matcher).filter(Matcher::matches).map(m -> Long.parseLong(m.group(1))).toList();
    }

    private static String classes() {
        try {
            return Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }
}
