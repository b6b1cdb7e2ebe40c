package org.sysvipc.tools.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sysvipc.testing.CliJvm;
import org.sysvipc.testing.CliJvm.CreatedObject;

/**
 * The soak as a command: its exit status on planted defects, and its cleanup when it is killed
 * (its janitor) or terminated (its shutdown hook). Each run is a child JVM.
 */
class SoakTest {
    @TempDir
    Path temp;

    @Test
    void plantedLossDuplicateAndCorruptionAreEachCountedOnceAndFailTheSoak() throws Exception {
        Path out = temp.resolve("out");
        Path err = temp.resolve("err");
        // in an IPC namespace of its own (root), which takes every object with it however the run ends
        Process soak = SoakRun.command(List.of("unshare", "--ipc"), "soak", "--seconds", "5",
                "--inject", "loss,duplicate,corruption").redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            assertTrue(soak.waitFor(5, TimeUnit.MINUTES), "the soak ends");
        } finally {
            soak.destroyForcibly();
        }
        String report = Files.readString(out);
        String context = report + "\nstderr:\n" + Files.readString(err);
        assertEquals(1, soak.exitValue(), context);
        ReportLines lines = ReportLines.parse(report);
        assertEquals("FAIL", lines.value("result"), context);
        assertEquals(1, lines.number("lost"), context);
        assertEquals(1, lines.number("duplicated"), context);
        assertEquals(1, lines.number("corrupted"), context);
        assertTrue(lines.all("failure").containsAll(List.of("1 message lost", "1 message duplicated",
                "1 message corrupted")), context);
        assertFalse(lines.all("failure").stream().anyMatch(f -> f.startsWith("worker process") || f.contains("did not")),
                context);
        assertTrue(lines.value("messages sent").contains("channel ") && lines.number("channel") > 0,
                "the channel lane ran: " + context);
        assertEquals(lines.number("messages sent") - 1 - 1 - lines.number("held by killed")
                + lines.number("unconfirmed sends"), lines.number("messages received"),
                "what was sent was received intact, but for the planted loss and corruption and what killed consumers held; "
                        + context);
    }

    @Test
    void aKilledSoaksJanitorRemovesEveryObjectAndItsWorkersEnd() throws Exception {
        Path err = temp.resolve("err");
        // once it has made objects anew, under the same keys
        Process soak = longSoakUntil(err, "soak: removed");
        String log = "";
        try {
            soak.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertTrue(soak.waitFor(60, TimeUnit.SECONDS));
            log = Files.readString(err);
            for (long pid : SoakRun.startedProcesses(log)) {
                ProcessHandle.of(pid).ifPresent(process -> process.onExit().orTimeout(60, TimeUnit.SECONDS).join());
            }
            assertNothingLeft(log, Files.readString(err));
            assertTrue(Files.readString(err).contains(Janitor.COMMAND + ": the soak ended without removing its objects"),
                    Files.readString(err));
        } finally {
            soak.destroyForcibly().waitFor();
            cleanUp(log.isEmpty() && Files.exists(err) ? Files.readString(err) : log);
        }
    }

    @Test
    void aTerminatedSoakRemovesEveryObjectAndEndsItsWorkersBeforeItExits() throws Exception {
        Path err = temp.resolve("err");
        Process soak = longSoakUntil(err, "soak: killed worker");
        String log = "";
        try {
            soak.destroy(); // SIGTERM: the shutdown hook cleans up
            assertTrue(soak.waitFor(60, TimeUnit.SECONDS));
            log = Files.readString(err);
            assertEquals(143, soak.exitValue(), log);
            for (long pid : SoakRun.startedProcesses(log)) {
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    // the janitor, dismissed, may still be on its way out; a worker may not
                    assertTrue(log.contains("started janitor process " + pid), "worker " + pid + " outlived the soak");
                }
            }
            assertNothingLeft(log, log);
            assertFalse(log.contains(Janitor.COMMAND + ": the soak ended"), "the soak cleaned up itself: " + log);
        } finally {
            soak.destroyForcibly().waitFor();
            cleanUp(log.isEmpty() && Files.exists(err) ? Files.readString(err) : log);
        }
    }

    /**
     * Starts a soak in this IPC namespace, logging to {@code err}, and waits until it has caused
     * faults and logged a line that starts with {@code event}.
     */
    private static Process longSoakUntil(Path err, String event) throws IOException, InterruptedException {
        Process soak = SoakRun.command(List.of(), "soak", "--seconds", "600", "--verbose")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
        try {
            SoakRun.awaitLine(err, "soak: faults start", soak, 300);
            SoakRun.awaitLine(err, event, soak, 60);
            return soak;
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            soak.destroyForcibly().waitFor();
            cleanUp(Files.readString(err));
            throw e;
        }
    }

    private static void assertNothingLeft(String log, String context) throws IOException {
        List<CreatedObject> created = SoakRun.createdObjects(log);
        assertTrue(created.size() >= 5, "the scoreboard, two queues, a set and a segment, some made anew: " + context);
        Set<String> left = CliJvm.ipcIds();
        for (CreatedObject object : created) {
            assertFalse(left.contains(object.procEntry()), object + " is removed; " + context);
        }
        for (long pid : SoakRun.startedProcesses(log)) {
            if (!log.contains("started janitor process " + pid)) {
                assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "worker " + pid + " ended");
            }
        }
    }

    /** Removes what a failed test may have left: objects by id, processes by pid. */
    private static void cleanUp(String log) {
        for (long pid : SoakRun.startedProcesses(log)) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        SoakRun.createdObjects(log).forEach(CreatedObject::removeIfPresent);
    }
}
