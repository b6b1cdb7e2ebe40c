package org.sysvipc.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sysvipc.IpcException;
import org.sysvipc.IpcLimits;
import org.sysvipc.MessageQueue;
import org.sysvipc.SemaphoreSet;
import org.sysvipc.SharedMemory;
import org.sysvipc.channel.Channel;
import org.sysvipc.testing.IpcCleanup;

/**
 * The tutorial and the other commands, each tutorial run in a child JVM as bin/tutorial runs it.
 * With --verbose the tutorial names on stderr every object and child it creates, which lets the
 * tests check that each is gone afterwards. (Comparing the whole namespace before and after would
 * not do: other test runs may share the IPC namespace.)
 */
class TutorialTest {
    private static final Pattern CREATED_OBJECT =
            Pattern.compile("tutorial: created (message queue|semaphore set|shared memory segment) (\\d+)");
    private static final Pattern CREATED_DIRECTORY = Pattern.compile("tutorial: created directory (.+)");
    private static final Pattern STARTED_CHILD = Pattern.compile("tutorial: started child process (\\d+)");
    /** How the tutorial's stderr names a check of its own that failed. */
    private static final String FAILED_CHECK = "tutorial: check failed: ";
    /** SIGINT's bit in the SigIgn mask of /proc/PID/status. */
    private static final long SIGINT_BIT = 1L << (2 - 1);

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    @TempDir
    Path temp;

    @Test
    void tutorialPrintsWhatTheProcessesExchangedAndTheExactTotalsAndRemovesEverything() throws Exception {
        runTheMainJob(temp, List.of());
    }

    /**
     * Runs the tutorial's main job (2 processes, 2,000 increments) as bin/tutorial does and checks
     * its report and that it removed everything. {@code failingChecks} are the checks of its own
     * that must fail, and be the only ones that do: none, or those a platform breaks for a reason
     * outside the module ({@code EmulatedTutorialChecks}).
     */
    static void runTheMainJob(Path temp, List<String> failingChecks) throws Exception {
        Path stderr = temp.resolve("stderr");
        Process tutorial = tutorialJvm(true, "tutorial", "--processes", "2", "--increments", "2000", "--verbose")
                .redirectError(stderr.toFile()).start();
        List<String> out;
        try {
            out = new String(tutorial.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            assertTrue(tutorial.waitFor(120, TimeUnit.SECONDS), "the tutorial ends");
        } finally {
            tutorial.destroyForcibly();
        }
        Log log = Log.read(stderr);
        try {
            assertEquals(failingChecks.isEmpty() ? 0 : 1, tutorial.exitValue(), () -> "exit status; stdout:\n"
                    + String.join("\n", out) + "\nstderr:\n" + log.text());
            assertEquals(failingChecks, log.text().lines().filter(line -> line.startsWith(FAILED_CHECK))
                    .map(line -> line.substring(FAILED_CHECK.length())).toList(), log.text());
            assertEquals(2, out.stream().filter("hello world"::equals).count(), "hello world over FIFO and queue");
            assertTrue(out.contains("2"), "two children make the counter 2");
            assertEquals("4000", lineAfter(out, "each under the semaphore"));
            assertEquals("4000", lineAfter(out, "lock-free"));
            assertEquals(List.of("message queue", "semaphore set", "shared memory segment"),
                    log.objects().stream().map(IpcObjectName::kind).toList());
            assertEquals(1 + 1 + 2 + 3 * 2, log.children().size(), "children started: FIFO, queue, 2, then 2 a run");
            assertNothingLeft(log);
        } finally {
            log.removeLeftovers();
        }
    }

    @Test
    void interruptedTutorialEndsItsChildrenAndRemovesEverything() throws Exception {
        Path stderr = temp.resolve("stderr");
        // so many increments that the tutorial is still counting when it is interrupted
        Process tutorial = tutorialJvm(false, "--processes", "4", "--increments", "100000000", "--verbose")
                .redirectError(stderr.toFile()).start();
        Log log = null;
        try {
            BufferedReader out = awaitHeader(tutorial, "processes", "each under the semaphore", stderr);
            // Ctrl-C, unless this JVM's parent left SIGINT ignored (as shells do for background jobs)
            boolean sigint = (ignoredSignals(tutorial.pid()) & SIGINT_BIT) == 0;
            if (sigint) {
                assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(tutorial.pid()))
                        .inheritIO().start().waitFor());
            } else {
                tutorial.destroy(); // SIGTERM, which runs the same shutdown hook
            }
            out.transferTo(java.io.Writer.nullWriter());
            assertTrue(tutorial.waitFor(60, TimeUnit.SECONDS), "the tutorial ends on the signal");
            log = Log.read(stderr);
            assertEquals(sigint ? 130 : 143, tutorial.exitValue(), log.text());
            assertEquals(3, log.objects().size(), "queue, set and segment created: " + log.text());
            assertFalse(log.children().isEmpty());
            for (long pid : log.children()) {
                assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                        "child " + pid + " ended too");
            }
            assertNothingLeft(log);
        } finally {
            tutorial.destroyForcibly().waitFor();
            (log != null ? log : Log.read(stderr)).removeLeftovers();
        }
    }

    @Test
    void aRunKilledWhileCountingLeavesItsObjectsAndTheNextRunRemovesThemAndSaysSo() throws Exception {
        // the runs' own temporary directory, so that no other tutorial run cleans up after the killed one
        List<String> tmp = List.of("-Djava.io.tmpdir=" + Files.createDirectory(temp.resolve("tmp")));
        Path killedErr = temp.resolve("killed.stderr");
        Process killed = tutorialJvm(false, tmp, "--processes", "8", "--increments", "100000000", "--verbose")
                .redirectError(killedErr.toFile()).start();
        Log log = null;
        try {
            awaitHeader(killed, "8 processes", "each under the semaphore", killedErr);
            killed.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertTrue(killed.waitFor(60, TimeUnit.SECONDS));
            log = Log.read(killedErr);
            List<IpcObjectName> left = log.objects().subList(1, 3); // the queue was removed before counting
            assertEquals(List.of("semaphore set", "shared memory segment"), left.stream().map(IpcObjectName::kind).toList());
            Set<String> ids = ipcIds();
            for (IpcObjectName object : left) {
                assertTrue(ids.contains(object.procEntry()), object + " is left by the killed run");
            }
            Path directory = log.directories().getFirst();
            assertTrue(Files.exists(directory));

            Path nextErr = temp.resolve("next.stderr");
            Process next = tutorialJvm(false, tmp, "--processes", "1", "--increments", "10")
                    .redirectError(nextErr.toFile()).start();
            String out = new String(next.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(next.waitFor(120, TimeUnit.SECONDS), "the next run ends");
            String err = Files.readString(nextErr);
            assertEquals(0, next.exitValue(), () -> out + err);
            assertEquals("tutorial: removed what a killed tutorial run (pid " + killed.pid() + ") left: semaphore set "
                    + left.get(0).id() + ", shared memory segment " + left.get(1).id() + ", directory " + directory,
                    err.strip());
            assertNothingLeft(log);
        } finally {
            killed.destroyForcibly().waitFor();
            (log != null ? log : Log.read(killedErr)).removeLeftovers();
        }
    }

    /** Reads the tutorial's stdout up to the header that has both parts; returns the rest. */
    private static BufferedReader awaitHeader(Process tutorial, String part, String otherPart, Path stderr)
            throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(tutorial.getInputStream(), StandardCharsets.UTF_8));
        String line;
        do {
            line = out.readLine();
            if (line == null) {
                fail("the tutorial ended before the header with " + part + ": " + Files.readString(stderr));
            }
        } while (!(line.startsWith("== ") && line.contains(part) && line.contains(otherPart)));
        return out;
    }

    @Test
    void ipcsListsAQueueWithItsIdPermissionsBytesAndMessages() {
        MessageQueue queue = cleanup.add(MessageQueue.createPrivate());
        queue.send(1, new byte[] {1, 2, 3, 4, 5});
        Cli ipcs = Cli.run("ipcs");
        assertEquals(0, ipcs.status(), ipcs.err());
        List<List<String>> rows = ipcs.out().lines()
                .map(line -> List.of(line.trim().split("\\s+")))
                .filter(row -> row.size() == 6 && row.get(1).equals(Integer.toString(queue.id())))
                .toList();
        assertEquals(1, rows.size(), ipcs.out());
        List<String> row = rows.getFirst();
        assertEquals("0x00000000", row.get(0));
        assertEquals(List.of("600", "5", "1"), row.subList(3, 6));
        assertTrue(ipcs.out().indexOf(queue.id() + " ") < ipcs.out().indexOf("Shared Memory Segments"),
                "the queue is listed among the queues");
    }

    @Test
    void ipcsListsSemaphoreSetsAndSegmentsWithTheirStatus() {
        SemaphoreSet set = cleanup.add(SemaphoreSet.createPrivate(3));
        SharedMemory memory = cleanup.add(SharedMemory.createPrivate(100));
        Cli ipcs;
        try (SharedMemory.Attachment attachment = memory.attach()) {
            memory.remove(); // stays while attached, marked for destruction
            ipcs = Cli.run("ipcs");
        }
        assertEquals(0, ipcs.status(), ipcs.err());
        List<String> lines = ipcs.out().lines().toList();
        assertTrue(lines.stream().anyMatch(line -> line.matches(
                "0x00000000 " + memory.id() + " +\\S+ +600 +100 +1 +dest")), ipcs.out());
        assertTrue(lines.stream().anyMatch(line -> line.matches(
                "0x00000000 " + set.id() + " +\\S+ +600 +3")), ipcs.out());
    }

    @Test
    void ipcsRecognisesAChannelAndShowsItsCounters() {
        Cli ipcs;
        try (Channel channel = Channel.createPrivate(4096, 100)) {
            cleanup.add(channel.semaphores());
            cleanup.add(channel.memory());
            for (int i = 0; i < 3; i++) {
                channel.producer().send(1, MemorySegment.ofArray(new byte[10]));
            }
            ipcs = Cli.run("ipcs");
            assertEquals(0, ipcs.status(), ipcs.err());
            String section = ipcs.out().substring(ipcs.out().indexOf("------ Channels"));
            assertTrue(section.lines().anyMatch(line -> line.matches(channel.memory().id() + " +"
                    + channel.semaphores().id() + " +4096 +100 +120 +3 +0 +0 +-")), ipcs.out());
        }
    }

    @Test
    void limitsPrintsTheKernelsMsgmax() {
        Cli limits = Cli.run("limits");
        assertEquals(0, limits.status(), limits.err());
        String line = limits.out().lines().filter(l -> l.contains("(msgmax)")).findFirst().orElseThrow();
        assertEquals(IpcLimits.current().msgmax(), Integer.parseInt(line.substring(line.indexOf('=') + 1).trim()));
    }

    @Test
    void helpPrintsUsageOnStdout() {
        Cli help = Cli.run("help");
        assertEquals(0, help.status());
        assertTrue(help.out().startsWith("Usage:"), help.out());
        assertEquals("", help.err());
    }

    @Test
    void badCommandLinesPrintUsageOnStderrAndExit2() {
        for (List<String> args : List.of(List.of("frobnicate"), List.of("ipcs", "-l"), List.of("limits", "x"),
                List.of("tutorial", "--processes", "0"), List.of("--increments"), List.of("--increments", "many"),
                List.of("tutorial", "--fast"), List.of(TutorialChild.COMMAND, "no-such-role"))) {
            Cli result = Cli.run(args.toArray(String[]::new));
            assertEquals(Main.USAGE, result.status(), args::toString);
            assertTrue(result.err().contains("Usage:"), result.err());
            assertEquals("", result.out(), args::toString);
        }
    }

    @Test
    void unknownCommandExits2FromTheJar() throws Exception {
        Process process = tutorialJvm(false, "frobnicate").start();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, process.exitValue(), err);
        // run from the classes on the class path, it names the java command that does that
        assertTrue(err.startsWith("java " + Main.class.getName() + ": unknown command: frobnicate"), err);
    }

    // ---- helpers

    private record IpcObjectName(String kind, int id) {
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

    /** What the tutorial's --verbose stderr says it created and started. */
    private record Log(String text, List<IpcObjectName> objects, List<Path> directories, List<Long> children) {
        static Log read(Path file) throws IOException {
            String text = Files.exists(file) ? Files.readString(file) : "";
            List<IpcObjectName> objects = new ArrayList<>();
            List<Path> directories = new ArrayList<>();
            List<Long> children = new ArrayList<>();
            for (String line : text.lines().toList()) {
                Matcher m;
                if ((m = CREATED_OBJECT.matcher(line)).matches()) {
                    objects.add(new IpcObjectName(m.group(1), Integer.parseInt(m.group(2))));
                } else if ((m = CREATED_DIRECTORY.matcher(line)).matches()) {
                    directories.add(Path.of(m.group(1)));
                } else if ((m = STARTED_CHILD.matcher(line)).matches()) {
                    children.add(Long.parseLong(m.group(1)));
                }
            }
            return new Log(text, objects, directories, children);
        }

        /** Removes what a failed test may have left, so that no test leaves IPC objects behind. */
        void removeLeftovers() {
            objects.forEach(IpcObjectName::removeIfPresent);
        }
    }

    private static void assertNothingLeft(Log log) throws IOException {
        Set<String> after = ipcIds();
        for (IpcObjectName object : log.objects()) {
            assertFalse(after.contains(object.procEntry()), object + " is removed; stderr:\n" + log.text());
        }
        assertEquals(1, log.directories().size(), log.text());
        for (Path directory : log.directories()) {
            assertFalse(Files.exists(directory), directory + " is removed");
        }
    }

    /** Every IPC object of the namespace as "msg:ID", "sem:ID" or "shm:ID". */
    private static Set<String> ipcIds() throws IOException {
        Set<String> ids = new HashSet<>();
        for (String table : List.of("msg", "sem", "shm")) {
            for (String line : Files.readAllLines(Path.of("/proc/sysvipc", table)).stream().skip(1).toList()) {
                ids.add(table + ":" + line.trim().split("\\s+")[1]);
            }
        }
        return ids;
    }

    private static String lineAfter(List<String> lines, String headerPart) {
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).startsWith("== ") && lines.get(i).contains(headerPart)) {
                return lines.get(i + 1);
            }
        }
        throw new AssertionError("no header with " + headerPart + " in\n" + String.join("\n", lines));
    }

    private static long ignoredSignals(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("SigIgn:")) {
                return Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16);
            }
        }
        return 0;
    }

    /**
     * Runs Main in a new JVM from the compiled classes, as the jar runs it: as the module
     * org.sysvipc (target/classes holds module-info.class) or from the class path.
     */
    private static ProcessBuilder tutorialJvm(boolean asModule, String... args) {
        return tutorialJvm(asModule, List.of(), args);
    }

    /** As {@link #tutorialJvm(boolean, String...)}, with more options for the JVM. */
    private static ProcessBuilder tutorialJvm(boolean asModule, List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xmx64m"));
        command.addAll(jvmOptions);
        String classes = classesDirectory();
        if (asModule) {
            command.addAll(List.of("--enable-native-access=org.sysvipc", "--module-path", classes,
                    "--module", "org.sysvipc/" + Main.class.getName()));
        } else {
            command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "--class-path", classes,
                    Main.class.getName()));
        }
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    private static String classesDirectory() {
        try {
            return Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
