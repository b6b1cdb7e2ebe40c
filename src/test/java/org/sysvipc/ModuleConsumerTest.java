package org.sysvipc;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The module as its users see it: on the module path, from a module that requires it. */
class ModuleConsumerTest {
    @TempDir
    Path work;

    private static Path moduleClasses() throws URISyntaxException {
        return Path.of(IpcKey.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test
    void exportsTheApiAndNothingElse() throws Exception {
        ModuleDescriptor descriptor = ModuleFinder.of(moduleClasses()).find("org.sysvipc").orElseThrow().descriptor();
        Set<String> exported = descriptor.exports().stream().map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toSet());
        assertEquals(Set.of("org.sysvipc", "org.sysvipc.php", "org.sysvipc.channel"), exported);
        assertTrue(descriptor.packages().containsAll(Set.of("org.sysvipc.generated.x86_64", "org.sysvipc.generated.aarch64", "org.sysvipc.internal")));
    }

    @Test
    void aConsumerModuleUsesTheApiWithNativeAccessGranted() throws Exception {
        Path out = compile("""
                package consumer;

                import org.sysvipc.MessageQueue;

                public class Main {
                    public static void main(String[] args) throws ReflectiveOperationException {
                        MessageQueue queue = MessageQueue.createPrivate();
                        try {
                            queue.send(1, "hello world".getBytes());
                            System.out.println("received " + queue.receive(0).text());
                            // the methods every kind shares are public in each public class, reflection too
                            System.out.println("reflected id " + queue.getClass().getMethod("id").invoke(queue)
                                    .equals(queue.id()));
                        } finally {
                            queue.remove();
                        }
                    }
                }
                """);
        Result granted = run(out, "--enable-native-access=org.sysvipc");
        assertEquals(0, granted.exit(), granted.err());
        assertEquals("received hello world\nreflected id true", granted.out().strip());
        assertFalse(granted.err().contains("restricted method"), granted.err());

        Result notGranted = run(out);
        assertNotEquals(0, notGranted.exit(), notGranted.err());
        assertTrue(notGranted.err().contains("add --enable-native-access=org.sysvipc to the java command line"),
                "without the flag the module says which flag to add (NativeAccessTest): " + notGranted.err());
        assertFalse(notGranted.err().contains("restricted method"), "and the JDK has no warning to print: "
                + notGranted.err());
    }

    @Test
    void theBindingsAndCallLayerAreNotVisibleToConsumers() throws Exception {
        String errors = compileFailing("""
                package consumer;

                public class Main {
                    public static void main(String[] args) {
                        System.out.println(org.sysvipc.internal.Syscalls.strerror(2));
                        System.out.println(org.sysvipc.generated.x86_64.SysvIpc.IPC_CREAT());
                    }
                }
                """);
        assertTrue(errors.contains("package org.sysvipc.internal is not visible"), errors);
        assertTrue(errors.contains("package org.sysvipc.generated.x86_64 is not visible"), errors);
    }

    private Path compile(String main) throws Exception {
        String errors = javac(main);
        assertEquals("", errors, "the consumer should compile");
        return work.resolve("out");
    }

    private String compileFailing(String main) throws Exception {
        String errors = javac(main);
        assertFalse(errors.isEmpty(), "the consumer should not compile");
        return errors;
    }

    private String javac(String main) throws Exception {
        Path source = work.resolve("src");
        Files.createDirectories(source.resolve("consumer"));
        Files.writeString(source.resolve("module-info.java"), "module consumer { requires org.sysvipc; }\n");
        Files.writeString(source.resolve("consumer/Main.java"), main);
        Process javac = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "javac").toString(),
                "--module-path", moduleClasses().toString(), "-d", work.resolve("out").toString(),
                source.resolve("module-info.java").toString(), source.resolve("consumer/Main.java").toString())
                .redirectErrorStream(true).start();
        String text = new String(javac.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = javac.waitFor();
        return exit == 0 ? "" : text.isEmpty() ? "javac exited " + exit : text;
    }

    private record Result(int exit, String out, String err) {
    }

    private Result run(Path consumer, String... options) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(options));
        command.addAll(List.of("--module-path", moduleClasses() + java.io.File.pathSeparator + consumer,
                "-m", "consumer/consumer.Main"));
        Path stderr = work.resolve("stderr.txt");
        Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("the consumer did not end");
        }
        return new Result(process.exitValue(), out, readQuietly(stderr));
    }

    private static String readQuietly(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }
}
