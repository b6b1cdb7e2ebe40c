package org.sysvipc.tools.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sysvipc.testing.CliJvm;
import org.sysvipc.testing.CliJvm.CreatedObject;

/**
 * A soak run in a child JVM, as the jar runs it, and what its {@code --verbose} stderr says it
 * created and started, so that a test can check that all of it is gone afterwards.
 */
final class SoakRun {
    private static final Pattern STARTED = Pattern.compile("soak: started (?:worker|janitor) process (\\d+).*");

    private SoakRun() {
    }

    /** {@return a builder for {@code java ... Main ARGS} from the compiled classes, behind {@code prefix}} */
    static ProcessBuilder command(List<String> prefix, String... args) {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(CliJvm.classPathCommand(args));
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
        return CliJvm.createdObjects("soak", log);
    }

    static List<Long> startedProcesses(String log) {
        return log.lines().map(STARTED::matcher).filter(Matcher::matches).map(m -> Long.parseLong(m.group(1))).toList();
    }
}
