package org.sysvipc.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sysvipc.IpcKey;

/** Child JVMs run as another user wherever the checkout is, and a failing child says why. */
class ChildJvmTest {
    private static final int OTHER_USER = 1000;

    @TempDir
    Path temp;

    @Test
    void aFailingChildsStderrAndStdoutAreInTheAssertion() {
        AssertionError failure = assertThrows(AssertionError.class, () -> ChildJvm.run(ChildJvmProbe.class, "fail"));
        String message = failure.getMessage();
        assertTrue(message.contains("exited 3"), message);
        assertTrue(message.contains("the reason, on stderr"), message);
        assertTrue(message.contains("a line on stdout"), message);
    }

    @Test
    void aChildRunsAsAnotherUser() {
        assertEquals("uid " + OTHER_USER, ChildJvm.runAs(OTHER_USER, OTHER_USER, ChildJvmProbe.class, "uid").strip());
    }

    /**
     * A checkout in a directory only its owner may enter, as a clone under /root (mode 0700): a JVM
     * that loads the classes from there starts, through ChildJvm, a child as another user.
     */
    @Test
    void aChildAsAnotherUserRunsWhenTheClassesAreInAPrivateDirectory() throws Exception {
        Path checkout = Files.createDirectory(temp.resolve("checkout"));
        Files.setPosixFilePermissions(checkout, PosixFilePermissions.fromString("rwx------"));
        Path classes = copy(TestRunDirectory.classPathRoot(IpcKey.class), checkout.resolve("classes"));
        Path testClasses = copy(TestRunDirectory.classPathRoot(ChildJvmProbe.class), checkout.resolve("test-classes"));
        Path stderr = temp.resolve("stderr");
        Process parent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:-UsePerfData", "-XX:TieredStopAtLevel=1", "-Xmx64m", "--enable-native-access=ALL-UNNAMED",
                "-cp", classes + File.pathSeparator + testClasses,
                ChildJvmProbe.class.getName(), "run-as", Integer.toString(OTHER_USER))
                .directory(checkout.toFile()).redirectError(stderr.toFile()).start();
        String out = new String(parent.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(parent.waitFor(120, TimeUnit.SECONDS), "the JVM ends");
        String err = Files.readString(stderr);
        assertEquals(0, parent.exitValue(), () -> "stdout:\n" + out + "stderr:\n" + err);
        assertEquals("uid " + OTHER_USER, out.strip());
        String runDirectory = "sysvipc-test-run-" + parent.pid() + "-";
        try (var left = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith(runDirectory)).toList(),
                    "the JVM removed its run directory when it ended");
        }
    }

    private static Path copy(Path source, Path target) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, file.equals(source) ? target : target.resolve(source.relativize(file).toString()));
                return FileVisitResult.CONTINUE;
            }
        });
        return target;
    }
}
