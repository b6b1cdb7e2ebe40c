package org.sysvipc.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A temporary directory of this test JVM that every user may read, with copies of the class-path
 * roots that child processes load: a child run as another user (setpriv, or a container's user)
 * cannot read the checkout's own {@code target/classes} when the checkout is in a private
 * directory, such as a clone under {@code /root} (mode 0700). It also holds the children's stderr
 * files. It is removed when this JVM exits; one a killed JVM left is removed by the next run.
 */
public final class TestRunDirectory {
    private static final String PREFIX = "sysvipc-test-run-";
    private static final Set<PosixFilePermission> READABLE_DIRECTORY = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Set<PosixFilePermission> READABLE_FILE = PosixFilePermissions.fromString("rw-r--r--");
    private static final AtomicLong FILES = new AtomicLong();

    private static Path directory;
    private static final Map<Path, Path> COPIES = new HashMap<>();

    private TestRunDirectory() {
    }

    /** This JVM's run directory, made (and the ones of dead JVMs removed) on first use. */
    public static synchronized Path get() {
        if (directory == null) {
            try {
                Path made = Files.createTempDirectory(PREFIX + ProcessHandle.current().pid() + "-");
                Files.setPosixFilePermissions(made, READABLE_DIRECTORY);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(made), "remove " + made));
                directory = made;
                removeThoseOfEndedJvms(made);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make the tests' run directory", e);
            }
        }
        return directory;
    }

    /**
     * {@return a copy, readable by every user, of the class-path root (directory or jar) that
     * {@code type} was loaded from; made once per JVM}
     */
    public static synchronized Path readableCopyOfClassPathRoot(Class<?> type) {
        Path root = classPathRoot(type);
        Path copy = COPIES.get(root);
        if (copy == null) {
            copy = get().resolve("classpath-" + COPIES.size() + "-" + root.getFileName());
            try {
                copyReadable(root, copy);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot copy " + root + " to " + copy, e);
            }
            COPIES.put(root, copy);
        }
        return copy;
    }

    /** {@return a new file name in the run directory, for a child's output} */
    public static Path newFile(String prefix) {
        return get().resolve(prefix + "-" + FILES.incrementAndGet());
    }

    /** The class-path root, directory or jar, {@code type} was loaded from. */
    public static Path classPathRoot(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private static void copyReadable(Path source, Path target) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path made = Files.createDirectory(target.resolve(source.relativize(dir).toString()));
                Files.setPosixFilePermissions(made, READABLE_DIRECTORY);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path copy = file.equals(source) ? target : target.resolve(source.relativize(file).toString());
                Files.copy(file, copy);
                Files.setPosixFilePermissions(copy, READABLE_FILE);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * Removes the run directories of test JVMs that have ended (killed, since a JVM that exits
     * removes its own), if this user owns them; those of live JVMs stay.
     */
    private static void removeThoseOfEndedJvms(Path mine) throws IOException {
        Object me = Files.getAttribute(mine, "unix:uid");
        try (DirectoryStream<Path> runs = Files.newDirectoryStream(mine.getParent(), PREFIX + "*")) {
            for (Path run : runs) {
                String rest = run.getFileName().toString().substring(PREFIX.length());
                int dash = rest.indexOf('-');
                if (run.equals(mine) || dash <= 0 || !rest.substring(0, dash).chars().allMatch(Character::isDigit)
                        || !Files.isDirectory(run, LinkOption.NOFOLLOW_LINKS)
                        || !me.equals(Files.getAttribute(run, "unix:uid", LinkOption.NOFOLLOW_LINKS))) {
                    continue;
                }
                if (ProcessHandle.of(Long.parseLong(rest.substring(0, dash))).isEmpty()) {
                    deleteTree(run);
                }
            }
        }
    }

    private static void deleteTree(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            System.err.println("could not remove " + root + ": " + e);
        }
    }
}
