package org.sysvipc.php;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the interop tests' peers: PHP scripts from the test resources with Debian's php-cli, and
 * Python scripts with Debian's python3 and its sysv_ipc. Every warning in a PHP peer is fatal (common.php).
 */
final class Php {
    /** Debian's interpreters: the PATH may have others without the IPC extensions. */
    static final String PHP = "/usr/bin/php";
    static final String PYTHON = "/usr/bin/python3";

    private Php() {
    }

    /** The directory of the peer scripts. */
    static Path scripts() {
        try {
            return Path.of(Php.class.getResource("common.php").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /** A started peer, whose stderr goes to a file that failures quote. */
    static final class Peer {
        private final Process process;
        private final Path stderr;
        private final String name;
        private Thread feeder;

        Peer(Process process, Path stderr, String name) {
            this.process = process;
            this.stderr = stderr;
            this.name = name;
        }

        Process process() {
            return process;
        }

        /** Writes {@code text} to the peer's stdin from another thread, then closes stdin. */
        void feed(String text) {
            feeder = Thread.ofPlatform().start(() -> {
                try (OutputStream in = process.getOutputStream()) {
                    in.write(text.getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    // the peer ended early: await reports how
                }
            });
        }

        /** Writes a line to the peer's stdin. */
        void tell(String line) {
            try {
                OutputStream in = process.getOutputStream();
                in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                in.flush();
            } catch (IOException e) {
                throw new AssertionError(name + " is gone: " + describe(), e);
            }
        }

        /** Reads a line of the peer's stdout. */
        String readLine() {
            try {
                StringBuilder line = new StringBuilder();
                int c;
                while ((c = process.getInputStream().read()) != -1 && c != '\n') {
                    line.append((char) c);
                }
                if (c == -1 && line.isEmpty()) {
                    throw new AssertionError(name + " ended without a line: " + describe());
                }
                return line.toString();
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }

        /** Waits for the end, asserts exit 0, and returns the rest of stdout. */
        String await() {
            try {
                if (feeder == null) {
                    process.getOutputStream().close();
                }
                byte[] out = process.getInputStream().readAllBytes();
                if (feeder != null) {
                    feeder.join();
                }
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError(name + " did not end in 60 s: " + describe());
                }
                if (process.exitValue() != 0) {
                    throw new AssertionError(name + " exited " + process.exitValue() + "; stdout: "
                            + new String(out, StandardCharsets.UTF_8) + "; " + describe());
                }
                return new String(out, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new AssertionError(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            } finally {
                cleanUp();
            }
        }

        /** Kills the peer if it still runs (for finally blocks). */
        void kill() {
            process.destroyForcibly();
            cleanUp();
        }

        private void cleanUp() {
            try {
                Files.deleteIfExists(stderr);
            } catch (IOException ignored) {
                // a temp file
            }
        }

        private String describe() {
            try {
                return "stderr: " + (Files.exists(stderr) ? Files.readString(stderr) : "(gone)");
            } catch (IOException e) {
                return "stderr unreadable: " + e;
            }
        }
    }

    /** Starts {@code php script args...}. */
    static Peer start(String script, Object... args) {
        return startCommand(script, List.of(PHP, "-d", "display_errors=stderr", scripts().resolve(script).toString()), args);
    }

    /** Runs {@code php script args...} to its end; asserts exit 0; returns stdout. */
    static String run(String script, Object... args) {
        return start(script, args).await();
    }

    /** Starts {@code python3 script args...}. */
    static Peer startPython(String script, Object... args) {
        return startCommand(script, List.of(PYTHON, "-u", scripts().resolve(script).toString()), args);
    }

    private static Peer startCommand(String name, List<String> prefix, Object... args) {
        if (!new File(prefix.get(0)).canExecute()) {
            throw new AssertionError(prefix.get(0) + " is missing: the interop tests need Debian's php-cli and"
                    + " python3-sysv-ipc (apt-get install -y php-cli python3-sysv-ipc)");
        }
        List<String> command = new ArrayList<>(prefix);
        for (Object arg : args) {
            command.add(String.valueOf(arg));
        }
        try {
            Path stderr = Files.createTempFile("peer-", ".stderr");
            Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
            return new Peer(process, stderr, name);
        } catch (IOException e) {
            throw new AssertionError("cannot start " + command, e);
        }
    }
}
