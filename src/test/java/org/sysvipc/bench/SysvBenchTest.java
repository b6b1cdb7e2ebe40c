package org.sysvipc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.sysvipc.IpcException;
import org.sysvipc.IpcKey;
import org.sysvipc.MessageQueue;
import org.sysvipc.SemaphoreSet;
import org.sysvipc.SharedMemory;

/**
 * Runs the sysvbench runner as the harness does, at a tiny n: each benchmark prints its one
 * protocol line, the shared counter came out at 2(n+W), and every object it created is gone.
 * No timing is checked.
 */
class SysvBenchTest {
    private static final Pattern LINE = Pattern.compile(
            "impl=java bench=(\\S+)( size=\\d+)? n=(\\d+) ops=(\\d+) warmup=(\\d+) seconds=\\d+\\.\\d{6} ns_per_op=\\d+\\.\\d(.*)");

    @ParameterizedTest
    @CsvSource({
        "msg_pingpong, 200, 64, 200",
        "msg_throughput, 200, 4096, 200",
        "sem_lock_unlock, 200, , 200",
        "shm_counter, 200, , 400",
        "shm_counter_atomic, 200, , 400",
        "fifo_pingpong, 200, 64, 200",
        "chan_pingpong, 200, 64, 200",
        "chan_throughput, 5000, 64, 5000",
        "chan_throughput, 200, 4096, 200",
    })
    void runsEachBenchmarkAndRemovesWhatItCreated(String bench, int n, Integer size, long ops) throws Exception {
        List<String> args = new ArrayList<>(List.of(bench, Integer.toString(n)));
        if (size != null) {
            args.add(size.toString());
        }
        Result result = run(args);
        assertEquals(0, result.status, result.err);
        Matcher line = LINE.matcher(result.out.strip());
        assertTrue(line.matches(), "not one protocol line: " + result.out);
        assertEquals(bench, line.group(1));
        assertEquals(size == null ? null : " size=" + size, line.group(2));
        assertEquals(n, Long.parseLong(line.group(3)));
        assertEquals(ops, Long.parseLong(line.group(4)));
        assertEquals(n / 10, Long.parseLong(line.group(5)));
        if (bench.startsWith("shm_counter")) {
            assertTrue(line.group(6).contains(" counter=" + 2 * (n + n / 10) + " "), line.group(6));
        }
        assertAllGone(result.err);
    }

    /**
     * Receives that wait, on a platform thread, compiled by C2 as the harness runs them, allocate
     * nothing per message: the downcall under {@code BlockingCall} stays within C2's inlining depth,
     * so the slice its handle makes of the errno segment is not allocated (it was, 40 bytes a
     * message, when the path was two frames deeper). A few bytes per message are the warm-up's
     * stragglers; a segment a message is 40.
     */
    @Test
    void blockingReceivesCompiledByC2AllocateNothingPerMessage() throws Exception {
        // W = n / 10 = 15,000 warm-up messages: past C2's threshold, compiled in the foreground
        Result result = run(List.of("msg_throughput", "150000", "4096"),
                List.of("-XX:-TieredCompilation", "-Xbatch"));
        assertEquals(0, result.status, result.err);
        Matcher allocated = Pattern.compile(" alloc_bytes_per_op=(\\d+\\.\\d+)").matcher(result.out);
        assertTrue(allocated.find(), result.out);
        assertTrue(Double.parseDouble(allocated.group(1)) < 8, "bytes allocated per message received: " + result.out);
        assertAllGone(result.err);
    }

    @Test
    void aWrongCounterFailsTheRun() {
        ShmCounter.requireCount("shm_counter", 440, 200, 20);
        BenchFailure failure = assertThrows(BenchFailure.class, () -> ShmCounter.requireCount("shm_counter", 439, 200, 20));
        assertEquals("shm_counter: final counter 439 != expected 440", failure.getMessage());
    }

    @Test
    void printsItsVersion() throws Exception {
        Result result = run(List.of("version"));
        assertEquals(0, result.status, result.err);
        assertTrue(result.out.startsWith("impl=java java=") && result.out.strip().lines().count() == 1, result.out);
    }

    @Test
    void failsOnAnUnknownBenchmarkAsTheProtocolSays() throws Exception {
        Result result = run(List.of("no_such_bench", "10"));
        assertEquals(1, result.status);
        assertEquals("", result.out);
        assertTrue(result.err.contains("sysvbench(java)[parent]: unknown bench 'no_such_bench'"), result.err);
    }

    /** Every object the trace names no longer exists. */
    private static void assertAllGone(String err) {
        Matcher created = Pattern.compile("created (\\w+) (\\S+)").matcher(err);
        int count = 0;
        while (created.find()) {
            count++;
            String kind = created.group(1);
            String name = created.group(2);
            switch (kind) {
                case "MessageQueue" -> assertThrows(IpcException.class, () -> MessageQueue.ofId(Integer.parseInt(name)).stat());
                case "SemaphoreSet" -> assertThrows(IpcException.class, () -> SemaphoreSet.ofId(Integer.parseInt(name)));
                case "SharedMemory" -> assertThrows(IpcException.class, () -> SharedMemory.ofId(Integer.parseInt(name)));
                case "path" -> assertTrue(Files.notExists(Path.of(name)), name);
                default -> throw new AssertionError("unknown kind " + kind);
            }
        }
        assertTrue(count > 0, "the trace named nothing: " + err);
    }

    private record Result(int status, String out, String err) {
    }

    private static Result run(List<String> args) throws IOException, InterruptedException {
        return run(args, List.of("-XX:TieredStopAtLevel=1"));
    }

    private static Result run(List<String> args, List<String> compilerOptions) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC"));
        command.addAll(compilerOptions);
        command.addAll(List.of("-XX:-UsePerfData", "-Xmx64m",
                "-cp", classPathOf(IpcKey.class) + File.pathSeparator + classPathOf(SysvBench.class),
                SysvBench.class.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("SYSVBENCH_TRACE", "1");
        Path err = Files.createTempFile("sysvbench-test", ".err");
        try {
            Process process = builder.redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("the runner did not end in 60 s: " + Files.readString(err));
            }
            return new Result(process.exitValue(), out, Files.readString(err));
        } finally {
            Files.deleteIfExists(err);
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
