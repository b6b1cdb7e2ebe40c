package org.sysvipc.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.containers.ExecConfig;
import org.testcontainers.containers.GenericContainer;

/** The tutorial ({@code org.sysvipc.tools.Main tutorial}) runs in a container as it does on the host. */
@ExtendWith(Containers.class)
class TutorialContainerTest {
    private static final String MAIN = "org.sysvipc.tools.Main";
    private static final String[] ARGS = {"tutorial", "--processes", "3", "--increments", "2000"};
    /**
     * The same on both sides: UTF-8 output (a container has no locale set, so "µs" would come out
     * as "?s"), and quick-starting JVMs, the tutorial's children too.
     */
    private static final Map<String, String> ENVIRONMENT = Map.of("LANG", "C.UTF-8",
            "JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1 -XX:-UsePerfData");

    @Test
    void theTutorialPrintsInAContainerWhatItPrintsOnTheHost() throws Exception {
        List<String> command = Containers.javaCommand(MAIN, ARGS);
        List<String> hostCommand = new ArrayList<>(command);
        hostCommand.set(hostCommand.indexOf("-cp") + 1, System.getProperty("java.class.path"));
        Path hostErrors = Files.createTempFile("tutorial-", ".stderr");
        ProcessBuilder builder = new ProcessBuilder(hostCommand).redirectError(hostErrors.toFile());
        builder.environment().putAll(ENVIRONMENT);
        Process host = builder.start();
        try (GenericContainer<?> a = Containers.container()) {
            a.start();
            var inContainer = a.execInContainer(StandardCharsets.UTF_8, ExecConfig.builder()
                    .command(command.toArray(String[]::new)).envVars(ENVIRONMENT)
                    .build());
            String hostOutput = new String(host.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(host.waitFor(60, TimeUnit.SECONDS), "the tutorial on the host ends");
            assertEquals(0, host.exitValue(), () -> "the tutorial on the host:\n" + hostOutput + read(hostErrors));
            assertEquals(0, inContainer.getExitCode(), () -> "the tutorial in a container:\n" + inContainer);

            List<String> expected = comparable(hostOutput);
            assertTrue(expected.containsAll(List.of("hello world", "2", "6000")), hostOutput);
            assertEquals(expected, comparable(inContainer.getStdout()), () -> "host:\n" + hostOutput
                    + "\ncontainer:\n" + inContainer.getStdout());
        } finally {
            host.destroyForcibly();
            Files.delete(hostErrors);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }

    /**
     * The output without what differs between any two runs: explanations' numbers (pids, ids,
     * keys, timings), the temporary directory, the queue's times and pids, and how many
     * unguarded increments were lost.
     */
    private static List<String> comparable(String output) {
        List<String> lines = new ArrayList<>();
        boolean unguarded = false;
        for (String line : output.lines().toList()) {
            if (line.startsWith("== ")) {
                unguarded = line.contains("unguarded");
            } else if (unguarded && line.matches("\\d+")) {
                line = "<unguarded total>";
            } else if (unguarded && line.contains(" lost")) {
                line = "# <how many were lost>";
            } else if (line.startsWith("# ")) {
                line = line.replaceAll("sysvipc-tutorial-\\d+", "sysvipc-tutorial-*")
                        .replaceAll("0x[0-9a-f]{8}", "0x*").replaceAll("\\d+", "N");
            } else if (line.matches("msg_(stime|rtime|ctime|lspid|lrpid) .*")) {
                line = line.replaceAll("\\d+", "N");
            }
            lines.add(line);
        }
        return lines;
    }
}
