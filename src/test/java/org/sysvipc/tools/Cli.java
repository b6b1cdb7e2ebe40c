package org.sysvipc.tools;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the CLI for the tests: in this JVM, or in a child JVM as a user runs it. */
record Cli(int status, String out, String err) {
    /** Runs {@link Main#run} in this JVM. */
    static Cli run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Cli(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs {@code command} to its end (at most 60 s) and returns what it printed. */
    static Cli exec(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).start();
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            String out = read(process.getInputStream());
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("did not end in 60 s: " + command);
            }
            return new Cli(process.exitValue(), out, err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The java command that runs the CLI as the module org.sysvipc from the compiled classes, as bin/tutorial does. */
    static List<String> moduleCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(java(), "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xmx64m",
                "--enable-native-access=org.sysvipc", "--module-path", classes().toString(),
                "--module", "org.sysvipc/" + Main.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    /**
     * The java command that runs the CLI from the compiled classes on the class path. Unlike the
     * module path, which checks with access(2) and so the real uid alone, it lets a child given
     * CAP_DAC_READ_SEARCH read classes in a directory only root may enter.
     */
    static List<String> classPathCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(java(), "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xmx64m",
                "--enable-native-access=ALL-UNNAMED", "-cp", classes().toString(), Main.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    /** The java command that runs {@code jar} as {@code java -jar} does, with nothing else. */
    static List<String> jarCommand(Path jar, String... args) {
        List<String> command = new ArrayList<>(List.of(java(), "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xmx64m",
                "-jar", jar.toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** The directory of the module's compiled classes (target/classes). */
    static Path classes() {
        try {
            return Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
