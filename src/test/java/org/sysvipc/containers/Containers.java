package org.sysvipc.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.sysvipc.MessageQueue;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.ExecConfig;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * What the container tests share: the engine check (a JUnit extension on every container test
 * class), containers made the same way, and running {@link ContainerChild} in them.
 *
 * <p>Containers use the image {@code test-containers/setup} builds (nothing is ever pulled),
 * have no network, bind the host's {@code /usr} read-only (their userland and the JDK, at the
 * same path as here) and the module's compiled classes and test classes read-only, and run
 * {@code sleep infinity}: each step is a process started in them with {@code docker exec}.
 * Every container carries {@link #LABEL} and its owner's labels ({@link ContainerOwner}: this JVM's
 * host, pid namespace, pid and start time). Before the first test class the extension removes the
 * containers of owners that have ended (a killed JVM's), and after every class this JVM's own, so
 * that test runs that share the engine (CI beside a developer, parallel builds) leave each other's
 * containers alone.
 */
public final class Containers implements ExecutionCondition, BeforeAllCallback, AfterAllCallback {
    /** The image; {@code test-containers/setup} builds it under this name. */
    public static final String IMAGE = "sysv-ipc-test:base";
    /** The label every container of these tests carries, so that leftovers can be found. */
    public static final String LABEL = "org.sysvipc.test";
    /** The property that skips the container tests, outside CI only. */
    public static final String SKIP_PROPERTY = "skipContainerTests";

    static final String CLASSES = "/sysvipc/classes";
    static final String TEST_CLASSES = "/sysvipc/test-classes";
    /** The same JDK as the host's, seen through the {@code /usr} bind. */
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    /** Small, quick-starting JVMs that leave no hsperfdata files. */
    static final List<String> JVM_OPTIONS = List.of("--enable-native-access=ALL-UNNAMED",
            "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-Xshare:auto", "-XX:+UseSerialGC");
    /** The host's php-cli behind Debian's alternatives link, which points into /etc, which containers lack. */
    private static final String PHP = realPath("/usr/bin/php");
    private static final Duration BACKGROUND_PATIENCE = Duration.ofSeconds(90);

    private static boolean leftoversRemoved;

    /** Skips the class, visibly, if {@link #SKIP_PROPERTY} is set outside CI; in CI, says that it is ignored. */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!Boolean.getBoolean(SKIP_PROPERTY)) {
            return ConditionEvaluationResult.enabled("container tests run");
        }
        if (System.getenv("CI") != null) {
            if (context.getTestMethod().isEmpty()) {
                System.err.println("WARNING: -D" + SKIP_PROPERTY + "=true ignored for " + context.getDisplayName()
                        + ": CI is set");
            }
            return ConditionEvaluationResult.enabled("-D" + SKIP_PROPERTY + "=true ignored: CI is set");
        }
        if (context.getTestMethod().isEmpty()) {
            System.err.println("WARNING: " + context.getDisplayName() + " skipped: -D" + SKIP_PROPERTY + "=true");
        }
        return ConditionEvaluationResult.disabled("skipped on request: -D" + SKIP_PROPERTY + "=true (honoured outside CI only)");
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            fail("No Docker engine answers, so the container tests cannot run. Start one with "
                    + "test-containers/setup (as root: it installs docker.io if absent, starts dockerd "
                    + "without touching the host's network, and builds the image " + IMAGE + "). "
                    + "Outside CI, -D" + SKIP_PROPERTY + "=true skips these tests.");
        }
        try {
            DockerClientFactory.lazyClient().inspectImageCmd(IMAGE).exec();
        } catch (NotFoundException e) {
            fail("The image " + IMAGE + " is missing (nothing is pulled); build it with test-containers/setup");
        }
        synchronized (Containers.class) {
            if (!leftoversRemoved) {
                removeLeftovers();
                leftoversRemoved = true;
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (DockerClientFactory.instance().isDockerAvailable()) {
            removeOwn();
        }
    }

    /**
     * Removes the containers with {@link #LABEL} whose owner has ended, running or not; those of
     * live owners (this JVM included), of other hosts or pid namespaces, and those that name no owner,
     * stay.
     */
    static void removeLeftovers() {
        removeContainers(owner -> owner.isPresent() && owner.get().ended());
    }

    /** Removes the containers with {@link #LABEL} that this JVM made. */
    static void removeOwn() {
        ContainerOwner self = ContainerOwner.current();
        removeContainers(owner -> owner.isPresent() && owner.get().equals(self));
    }

    private static void removeContainers(Predicate<Optional<ContainerOwner>> whose) {
        DockerClient client = DockerClientFactory.lazyClient();
        List<Container> candidates = client.listContainersCmd().withShowAll(true)
                .withLabelFilter(List.of(LABEL)).exec();
        for (Container candidate : candidates) {
            if (whose.test(ContainerOwner.of(candidate.getLabels()))) {
                try {
                    client.removeContainerCmd(candidate.getId()).withForce(true).withRemoveVolumes(true).exec();
                } catch (NotFoundException alreadyGone) {
                    // removed meanwhile
                }
            }
        }
    }

    /** For {@code @ExtendWith(Containers.class)}. */
    public Containers() {
    }

    /** A container in an IPC namespace of its own (docker's private IPC mode), not started yet. */
    static GenericContainer<?> container() {
        return container("private");
    }

    /** A container whose IPC namespace other containers may join ({@link #joining}). */
    static GenericContainer<?> shareable() {
        return container("shareable");
    }

    /** A container in {@code owner}'s IPC namespace; {@code owner} must be started and shareable. */
    static GenericContainer<?> joining(GenericContainer<?> owner) {
        return container("container:" + owner.getContainerId());
    }

    /** A container as {@link #joining} makes, whose root keeps CAP_IPC_OWNER (docker drops it by default). */
    static GenericContainer<?> joiningWithIpcOwner(GenericContainer<?> owner) {
        return container("container:" + owner.getContainerId(), c -> c.withCapAdd(Capability.IPC_OWNER));
    }

    /** A container in an IPC namespace of its own whose kernel IPC limits are set by {@code sysctls}. */
    static GenericContainer<?> withSysctls(Map<String, String> sysctls) {
        return container("private", c -> c.withSysctls(sysctls));
    }

    private interface HostConfigChange {
        void apply(com.github.dockerjava.api.model.HostConfig config);
    }

    private static GenericContainer<?> container(String ipcMode) {
        return container(ipcMode, c -> { });
    }

    @SuppressWarnings("resource") // the caller starts and closes it
    private static GenericContainer<?> container(String ipcMode, HostConfigChange change) {
        return new GenericContainer<>(DockerImageName.parse(IMAGE))
                .withImagePullPolicy(name -> false)
                .withNetworkMode("none")
                .withCommand("sleep", "infinity")
                .withLabel(LABEL, "containers")
                .withLabels(ContainerOwner.current().labels())
                .withFileSystemBind("/usr", "/usr", BindMode.READ_ONLY)
                .withFileSystemBind(location(MessageQueue.class).toString(), CLASSES, BindMode.READ_ONLY)
                .withFileSystemBind(location(ContainerChild.class).toString(), TEST_CLASSES, BindMode.READ_ONLY)
                .withCreateContainerCmdModifier(create -> {
                    var config = create.getHostConfig();
                    config.withIpcMode(ipcMode);
                    change.apply(config);
                });
    }

    private static String realPath(String path) {
        try {
            return Path.of(path).toRealPath().toString();
        } catch (IOException e) {
            return path; // not installed: the test that needs it says so when it runs
        }
    }

    /** The class-path root {@code type} was loaded from: target/classes or target/test-classes. */
    static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code java} command line that runs {@code mainClass} with the module's classes. */
    static List<String> javaCommand(String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(JAVA);
        command.addAll(JVM_OPTIONS);
        command.add("-cp");
        command.add(CLASSES + ":" + TEST_CLASSES);
        command.add(mainClass);
        command.addAll(Arrays.asList(args));
        return command;
    }

    /** Runs {@code command} in {@code container} as {@code user} ({@code uid:gid}) and waits for it. */
    static org.testcontainers.containers.Container.ExecResult exec(GenericContainer<?> container, String user,
            List<String> command) throws IOException, InterruptedException {
        return container.execInContainer(StandardCharsets.UTF_8, ExecConfig.builder()
                .user(user).command(command.toArray(String[]::new)).build());
    }

    /**
     * Runs {@link ContainerChild} with {@code args} in {@code container} as root, fails unless it
     * exits with status 0, and returns its stdout lines.
     */
    static List<String> child(GenericContainer<?> container, String... args) throws IOException, InterruptedException {
        return childAs(container, "0:0", args);
    }

    /** As {@link #child}, as {@code user} ({@code uid:gid}). */
    static List<String> childAs(GenericContainer<?> container, String user, String... args)
            throws IOException, InterruptedException {
        var result = exec(container, user, javaCommand(ContainerChild.class.getName(), args));
        assertEquals(0, result.getExitCode(), () -> "ContainerChild " + String.join(" ", args) + " as " + user
                + " failed:\n" + result.getStdout() + result.getStderr());
        return result.getStdout().lines().toList();
    }

    /** Starts {@link ContainerChild} with {@code args} in {@code container} as root without waiting for it. */
    static Background background(GenericContainer<?> container, String... args) {
        return backgroundCommand(container, javaCommand(ContainerChild.class.getName(), args));
    }

    /** Starts {@code command} in {@code container} as root without waiting for it. */
    static Background backgroundCommand(GenericContainer<?> container, List<String> command) {
        return new Background(container, command);
    }

    /**
     * The command line that runs one of the interop tests' PHP scripts (src/test/resources/org/sysvipc/php)
     * with the host's php-cli. The container has none of the host's /etc, so the extensions Debian
     * enables there are named here.
     */
    static List<String> phpCommand(String script, String... args) {
        List<String> command = new ArrayList<>(List.of(PHP, "-n", "-d", "extension=sysvmsg",
                "-d", "extension=sysvsem", "-d", "extension=sysvshm", "-d", "extension=posix",
                TEST_CLASSES + "/org/sysvipc/php/" + script));
        command.addAll(Arrays.asList(args));
        return command;
    }

    /** A process started in a container with {@code docker exec}, whose output is collected as it comes. */
    static final class Background {
        private final DockerClient client = DockerClientFactory.lazyClient();
        private final String execId;
        private final String description;
        private final StringBuilder stdout = new StringBuilder();
        private final StringBuilder stderr = new StringBuilder();
        private final ResultCallback.Adapter<Frame> output;
        /** Whether its output ended: the process did. */
        private boolean ended;

        private Background(GenericContainer<?> container, List<String> command) {
            int main = command.indexOf("-cp") + 2; // the main class and its arguments, or all of a non-Java command
            this.description = String.join(" ", command.subList(main > 1 ? main : 0, command.size()));
            this.execId = client.execCreateCmd(container.getContainerId()).withCmd(command.toArray(String[]::new))
                    .withUser("0:0").withAttachStdout(true).withAttachStderr(true).exec().getId();
            this.output = client.execStartCmd(execId).exec(new ResultCallback.Adapter<>() {
                @Override
                public void onNext(Frame frame) {
                    String text = new String(frame.getPayload(), StandardCharsets.UTF_8);
                    synchronized (Background.this) {
                        (frame.getStreamType() == StreamType.STDERR ? stderr : stdout).append(text);
                        Background.this.notifyAll();
                    }
                }

                @Override
                public void onComplete() {
                    super.onComplete();
                    synchronized (Background.this) {
                        ended = true;
                        Background.this.notifyAll();
                    }
                }
            });
        }

        /** Waits until a line of stdout starts with {@code prefix} and returns that line. */
        synchronized String awaitLine(String prefix) throws InterruptedException {
            long deadline = System.nanoTime() + BACKGROUND_PATIENCE.toNanos();
            while (true) {
                var line = stdout.toString().lines().filter(l -> l.startsWith(prefix)).findFirst();
                if (line.isPresent()) {
                    return line.get();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || ended) {
                    fail(description + " printed no line starting with \"" + prefix + "\":\n" + stdout + stderr);
                }
                TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
            }
        }

        /** Waits for the process to end and returns its exit status. */
        int awaitExit() throws InterruptedException {
            if (!output.awaitCompletion(BACKGROUND_PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                fail(description + " did not end within " + BACKGROUND_PATIENCE + ":\n" + output());
            }
            // the output can end a moment before the engine records the exit
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            var inspection = client.inspectExecCmd(execId).exec();
            while (Boolean.TRUE.equals(inspection.isRunning()) && System.nanoTime() < deadline) {
                Thread.sleep(20);
                inspection = client.inspectExecCmd(execId).exec();
            }
            Long status = inspection.getExitCodeLong();
            if (status == null) {
                fail(description + " has no exit status:\n" + output());
            }
            return status.intValue();
        }

        /** Waits for the process to end, fails unless its status is 0, and returns its stdout lines. */
        List<String> awaitSuccess() throws InterruptedException {
            int status = awaitExit();
            assertEquals(0, status, () -> description + " failed:\n" + output());
            synchronized (this) {
                return stdout.toString().lines().toList();
            }
        }

        synchronized String output() {
            return stdout + "" + stderr;
        }
    }

    /** Closes every container, even if closing one fails. */
    static void closeAll(GenericContainer<?>... containers) {
        Stream.of(containers).filter(c -> c != null).forEach(GenericContainer::close);
    }
}
