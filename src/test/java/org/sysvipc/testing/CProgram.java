package org.sysvipc.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A C program compiled with gcc at test time, to learn what the C library itself says (ftok's keys,
 * struct layouts, constants) and compare the Java layer with it; for this machine or, with a cross
 * compiler and qemu-user, for another architecture ({@link CTarget}). gcc (and for another
 * architecture its cross tools) is a requirement of the test suite: without it these tests fail,
 * never skip.
 */
public final class CProgram {
    private final CTarget target;
    private final Path executable;

    private CProgram(CTarget target, Path executable) {
        this.target = target;
        this.executable = executable;
    }

    /** A started run of the program, its stderr going to a file. */
    public record Started(Process process, List<String> command, Path stderrFile) {
        /** {@return what the program wrote to stderr so far} */
        public String stderr() {
            try {
                return Files.exists(stderrFile) ? Files.readString(stderrFile, StandardCharsets.UTF_8) : "";
            } catch (IOException e) {
                return "(its stderr cannot be read: " + e + ")";
            }
        }
    }

        /** Writes {@code source} to {@code directory} and compiles it there for this machine, with {@code gccArgs} added. */
    public static CProgram compile(String source, Path directory, String... gccArgs) {
        return compile(CTarget.host(), source, directory, gccArgs);
    }

    /** Writes {@code source} to {@code directory} and compiles it there for {@code target}, with {@code gccArgs} added. */
    public static CProgram compile(CTarget target, String source, Path directory, String... gccArgs) {
        try {
            Path file = directory.resolve("program.c");
            Files.writeString(file, source);
            Path executable = directory.resolve("program");
            List<String> command = new ArrayList<>(target.compiler());
            command.addAll(List.of("-std=gnu11", "-Wall", "-Werror", "-o", executable.toString(), file.toString()));
            command.addAll(List.of(gccArgs));
            Process gcc;
            try {
                gcc = new ProcessBuilder(command).redirectErrorStream(true).start();
            } catch (IOException e) {
                throw new AssertionError("this test needs " + command.getFirst() + " on PATH to compile its C reference"
                        + " program for " + target + "; install it with " + target.installHint() + ": " + e.getMessage(), e);
            }
            String out = finish(gcc, command);
            if (gcc.exitValue() != 0) {
                throw new AssertionError(command.getFirst() + " failed (exit " + gcc.exitValue() + "): " + out);
            }
            return new CProgram(target, executable);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Starts the program with {@code args}. */
    public Started start(String... args) {
        List<String> command = new ArrayList<>(target.launcher());
        command.add(executable.toString());
        command.addAll(List.of(args));
        Path stderr = TestRunDirectory.newFile("stderr-" + executable.getFileName());
        try {
            return new Started(new ProcessBuilder(command).redirectError(stderr.toFile()).start(), command, stderr);
        } catch (IOException e) {
            throw new AssertionError("cannot start " + command + " for " + target + "; install what it needs with "
                    + target.installHint() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs the program with {@code args} and returns its stdout; fails unless it exits 0, with its
     * stdout and stderr in the message.
     */
    public String run(String... args) {
        Started started = start(args);
        try {
            String out = finish(started.process(), started.command());
            if (started.process().exitValue() != 0) {
                throw new AssertionError(started.command() + " exited " + started.process().exitValue()
                        + "\n--- its stdout:\n" + out + "--- its stderr:\n" + started.stderr());
            }
            System.err.print(started.stderr());
            return out;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + started.command(), e);
        } finally {
            try {
                Files.deleteIfExists(started.stderrFile());
            } catch (IOException e) {
                System.err.println("cannot remove " + started.stderrFile() + ": " + e);
            }
        }
    }

    private static String finish(Process process, List<String> command) throws IOException {
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not end in 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return out;
    }
}
