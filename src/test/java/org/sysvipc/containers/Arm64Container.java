package org.sysvipc.containers;

import static org.junit.jupiter.api.Assertions.fail;

import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sysvipc.MessageQueue;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.ExecConfig;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Emulated aarch64 Linux: a container of the arm64 image {@code test-containers/setup} builds
 * (Debian 13 with its own {@code openjdk-25-jdk-headless} for arm64), started as {@code linux/arm64};
 * qemu-user, registered with binfmt_misc, runs its programs on this x86_64 machine. Host test
 * classes run in it, unchanged, through {@link EmulatedTestRunner}: the module's compiled classes,
 * test classes and JUnit's standalone console jar (which Maven copies to target/junit: the
 * platform and Jupiter in one jar) are bound read-only, as in {@link Containers}, and the
 * bytecode compiled on the host runs on the container's aarch64 JVM.
 *
 * <p>Emulated Java is 10 to 50 times slower than native: run only the tests that exercise what
 * differs between architectures, in one JVM.
 */
final class Arm64Container {
    /** The image; {@code test-containers/setup} builds it under this name. */
    static final String IMAGE = "sysv-ipc-test:arm64-trixie-jdk25";
    static final String PLATFORM = "linux/arm64";
    /** Debian's arm64 JDK in the image. */
    private static final String JAVA = "/usr/lib/jvm/java-25-openjdk-arm64/bin/java";
    private static final String JUNIT_JAR = "/sysvipc/junit-platform-console-standalone.jar";
    private static final Path JUNIT_JAR_ON_HOST =
            Path.of("target", "junit", "junit-platform-console-standalone.jar").toAbsolutePath();
    /** A count in the runner's summary line: {@code found=6}. */
    private static final Pattern COUNT = Pattern.compile("(\\w+)=(\\d+)");
    /**
     * The JIT options of every JVM in the container, the test runner's and those the tests and the
     * tutorial start, through {@code JAVA_TOOL_OPTIONS} (each JVM notes it on stderr): C1 alone,
     * compiling only what runs ten times as often, since qemu translates again every piece of code
     * the JIT writes. This halves the CPU time of a short test run, and the tutorial's children,
     * with C2, take three times as long.
     */
    private static final String EMULATED_JIT_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=10";

    private Arm64Container() {
    }

    /** Fails, saying how to make them, unless the image and the launcher are there. */
    static void requireImageAndJUnitJar() {
        try {
            var image = DockerClientFactory.lazyClient().inspectImageCmd(IMAGE).exec();
            if (!"arm64".equals(image.getArch())) {
                fail("The image " + IMAGE + " is for " + image.getArch() + ", not arm64; remove it and run "
                        + "test-containers/setup");
            }
        } catch (NotFoundException e) {
            fail("The image " + IMAGE + " is missing (nothing is pulled); build it with test-containers/setup");
        }
        if (!Files.isRegularFile(JUNIT_JAR_ON_HOST)) {
            fail(JUNIT_JAR_ON_HOST + " is missing: mvn verify copies it there (maven-dependency-plugin, "
                    + "execution junit-console-launcher)");
        }
    }

    /** An arm64 container with no network, in an IPC namespace of its own, not started yet. */
    @SuppressWarnings("resource") // the caller starts and closes it
    static GenericContainer<?> container() {
        return new GenericContainer<>(DockerImageName.parse(IMAGE))
                .withImagePullPolicy(name -> false)
                .withNetworkMode("none")
                .withCommand("sleep", "infinity")
                .withLabel(Containers.LABEL, "arm64")
                .withEnv("LANG", "C.UTF-8")
                .withFileSystemBind(Containers.location(MessageQueue.class).toString(), Containers.CLASSES,
                        BindMode.READ_ONLY)
                .withFileSystemBind(Containers.location(Arm64Container.class).toString(), Containers.TEST_CLASSES,
                        BindMode.READ_ONLY)
                .withFileSystemBind(JUNIT_JAR_ON_HOST.toString(), JUNIT_JAR, BindMode.READ_ONLY)
                .withCreateContainerCmdModifier(create -> {
                    create.withPlatform(PLATFORM);
                    create.getHostConfig().withIpcMode("private");
                });
    }

    /** Runs {@code command} in {@code container} as root, waits for it and returns its stdout; fails unless it exits 0. */
    static String run(GenericContainer<?> container, String... command) throws IOException, InterruptedException {
        var result = container.execInContainer(StandardCharsets.UTF_8,
                ExecConfig.builder().user("0:0").command(command).build());
        if (result.getExitCode() != 0) {
            fail(String.join(" ", command) + " exited " + result.getExitCode() + " in the arm64 container:\n"
                    + result.getStdout() + result.getStderr());
        }
        return result.getStdout();
    }

    /**
     * Runs the JUnit tests of {@code testClasses} (by name) but those tagged with one of
     * {@code excludedTags} in {@code container}'s JVM, all in one {@link EmulatedTestRunner}, with the
     * module's classes and test classes on the class path (so that child JVMs the tests start get
     * them too).
     */
    static JUnitRun runTests(GenericContainer<?> container, List<String> testClasses, Collection<String> excludedTags)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(JAVA));
        command.addAll(Containers.JVM_OPTIONS);
        command.addAll(List.of("-cp", String.join(":", JUNIT_JAR, Containers.CLASSES, Containers.TEST_CLASSES),
                EmulatedTestRunner.class.getName()));
        command.addAll(testClasses);
        excludedTags.forEach(tag -> command.add(EmulatedTestRunner.EXCLUDE_TAG + tag));
        var result = container.execInContainer(StandardCharsets.UTF_8, ExecConfig.builder().user("0:0")
                .envVars(Map.of("JAVA_TOOL_OPTIONS", EMULATED_JIT_OPTIONS)).command(command.toArray(String[]::new))
                .build());
        return new JUnitRun(result.getExitCode(), result.getStdout() + result.getStderr());
    }

    /**
     * What one {@link EmulatedTestRunner} reported.
     *
     * @param exitCode 0 when at least one test ran and every test passed
     * @param output a line per test (its status, then {@code class#method}), the failures, the
     *        summary line, then stderr
     */
    record JUnitRun(int exitCode, String output) {
        /** The summary's counts by name: found, successful, failed, skipped, aborted; empty if there is none. */
        Map<String, Long> counts() {
            Map<String, Long> counts = new LinkedHashMap<>();
            output.lines().filter(line -> line.startsWith(EmulatedTestRunner.SUMMARY)).findFirst().ifPresent(line -> {
                Matcher count = COUNT.matcher(line);
                while (count.find()) {
                    counts.put(count.group(1), Long.parseLong(count.group(2)));
                }
            });
            return counts;
        }

        /** Whether {@code test} ({@code class#method}) ran and passed. */
        boolean passed(String test) {
            return output.lines().anyMatch(line -> line.startsWith("SUCCESSFUL " + test + "("));
        }

        /** Whether {@code test} ({@code class#method}) was excluded by a tag. */
        boolean excluded(String test) {
            return output.lines().anyMatch(line -> line.startsWith(EmulatedTestRunner.EXCLUDED + test + "("));
        }
    }
}
