package org.sysvipc.testing;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.sysvipc.IpcKey;

/**
 * Runs {@link AvailabilityChild} in a child JVM with the JVM options a test chooses (none are
 * added: no native access unless the test asks for it) and {@code -verbose:class}, with the
 * module's classes on the class path or on the module path.
 */
public final class AvailabilityJvm {
    /** What -verbose:class prints for a class loaded from the module's bindings. */
    private static final String GENERATED_LOADED = "[class,load] org.sysvipc.generated.";

    private AvailabilityJvm() {
    }

    /**
     * What the child did.
     *
     * @param exit      its exit status
     * @param results   its {@link AvailabilityChild#RESULT} lines, without the prefix
     * @param stderr    what it wrote to stderr
     * @param generated the generated classes it loaded, by name
     */
    public record Result(int exit, List<String> results, String stderr, List<String> generated) {
        /** {@return everything, for failure messages} */
        @Override
        public String toString() {
            return "exit " + exit + ", results " + results + ", generated classes loaded " + generated
                    + "\n--- stderr:\n" + stderr;
        }
    }

    /** Runs the child with the module on the class path. */
    public static Result onClassPath(List<String> jvmOptions, String mode) {
        List<String> command = new ArrayList<>(jvmOptions);
        command.addAll(List.of("-cp", root(IpcKey.class) + File.pathSeparator + root(AvailabilityChild.class)));
        return run(command, mode);
    }

    /**
     * Runs the child with the module on the module path (it stays on the class path, outside the
     * module's packages), so that the module is the named module org.sysvipc.
     */
    public static Result onModulePath(List<String> jvmOptions, String mode) {
        List<String> command = new ArrayList<>(jvmOptions);
        command.addAll(List.of("--module-path", root(IpcKey.class).toString(), "--add-modules", "org.sysvipc",
                "-cp", root(AvailabilityChild.class).toString()));
        return run(command, mode);
    }

    private static Result run(List<String> options, String mode) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-XX:-UsePerfData", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-verbose:class"));
        command.addAll(options);
        command.addAll(List.of(AvailabilityChild.class.getName(), mode));
        Path stderr = TestRunDirectory.newFile("stderr-availability");
        try {
            Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
            List<String> out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(command + " did not end in 120 s");
            }
            String err = Files.readString(stderr, StandardCharsets.UTF_8);
            Files.delete(stderr);
            return new Result(process.exitValue(),
                    out.stream().filter(line -> line.startsWith(AvailabilityChild.RESULT))
                            .map(line -> line.substring(AvailabilityChild.RESULT.length())).toList(),
                    err,
                    out.stream().filter(line -> line.contains(GENERATED_LOADED))
                            .map(line -> line.substring(line.indexOf(GENERATED_LOADED) + "[class,load] ".length())
                                    .split(" ")[0])
                            .toList());
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Path root(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }
}
