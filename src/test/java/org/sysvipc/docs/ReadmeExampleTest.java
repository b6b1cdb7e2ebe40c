package org.sysvipc.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sysvipc.IpcKey;
import org.sysvipc.IpcNotFoundException;
import org.sysvipc.MessageQueue;
import org.sysvipc.testing.TestRunDirectory;

/**
 * The README's facts that code can check: its example runs as shown against a real PHP worker and
 * prints what the README says, and the coordinates it gives carry the POM's version.
 */
class ReadmeExampleTest {
    private static final Path README = Path.of("README.md");
    private static final Pattern CODE_BLOCK = Pattern.compile("(?m)^```(\\w*)\\n(.*?)^```$", Pattern.DOTALL);
    private static final String PHP = "/usr/bin/php";
    /** A jar's name (its version, or a glob, which may match the sources jar) or Gradle's coordinates. */
    private static final Pattern JAR_OR_COORDINATES = Pattern.compile(
            "sysv-ipc-([^\\s`/]*?)(?:-sources|-javadoc)?\\.jar|org\\.sysvipc:sysv-ipc:([^\\s\"`]+)");

    @TempDir
    Path work;

    @Test
    void theExampleRunsAsShownAndPrintsWhatTheReadmeSays() throws Exception {
        List<String[]> blocks = codeBlocks(section("## Example"));
        assertEquals(List.of("java", "php", "sh", ""), blocks.stream().map(block -> block[0]).toList(),
                "the README's example: the Java program, the PHP worker, the commands, the output");
        String java = blocks.get(0)[1];
        String php = blocks.get(1)[1];
        String commands = blocks.get(2)[1];
        String expected = blocks.get(3)[1];

        Matcher className = Pattern.compile("public class (\\w+)").matcher(java);
        assertTrue(className.find(), "no public class in the README's example");
        Files.writeString(work.resolve(className.group(1) + ".java"), java);
        Files.writeString(work.resolve("worker.php"), php);
        Matcher project = Pattern.compile("ftok\\(Path\\.of\\(args\\[0\\]\\), '(.)'\\)").matcher(java);
        assertTrue(project.find(), "the example's key is no longer ftok(Path.of(args[0]), 'x'): adapt this test");
        assertTrue(php.contains("ftok($argv[1], '" + project.group(1) + "')"), "PHP's ftok differs from Java's");

        Path keyFile = unusedKeyFile(project.group(1).charAt(0));
        IpcKey key = IpcKey.ftok(keyFile, project.group(1).charAt(0));
        String jar = "target/sysv-ipc-" + pomVersion() + ".jar";
        for (String shown : List.of("/tmp/hello.key", jar, "\nphp ", "\njava ")) {
            assertTrue(commands.contains(shown), "the README's commands no longer hold " + shown.strip()
                    + " (the jar named after the POM's version): adapt this test\n" + commands);
        }
        String script = commands.replace("/tmp/hello.key", keyFile.toString())
                .replace(jar, TestRunDirectory.readableCopyOfClassPathRoot(IpcKey.class).toString())
                .replace("\nphp ", "\n" + PHP + " ")
                .replace("\njava ", "\n" + Path.of(System.getProperty("java.home"), "bin", "java") + " ")
                + "wait $!\n"; // the PHP worker's exit status
        assertTrue(new File(PHP).canExecute(), "the example needs Debian's php-cli: bin/test-peers installs it");
        String printed;
        try {
            printed = run(script);
        } catch (Throwable failure) {
            removeQueue(key);
            throw failure;
        }
        assertTrue(removeQueue(key).isEmpty(), "the README's example left its message queue");
        assertEquals(expected, printed);
    }

    @Test
    void theCoordinatesAndJarNamesCarryThePomsVersion() throws IOException {
        String version = pomVersion();
        String build = section("## Add it to your build");
        assertTrue(build.contains("<version>" + version + "</version>"), "Maven's version is not " + version);
        assertTrue(build.contains("\"org.sysvipc:sysv-ipc:" + version + "\""), "Gradle's version is not " + version);
        List<Path> pages = new ArrayList<>(List.of(README));
        try (var docs = Files.list(Path.of("docs"))) {
            docs.filter(page -> page.toString().endsWith(".md")).forEach(pages::add);
        }
        int named = 0;
        for (Path page : pages) {
            Matcher mention = JAR_OR_COORDINATES.matcher(Files.readString(page, StandardCharsets.UTF_8));
            while (mention.find()) {
                named++;
                String mentioned = mention.group(1) != null ? mention.group(1) : mention.group(2);
                assertEquals(version, mentioned, page + " names " + mention.group() + ", not the POM's version");
            }
        }
        assertTrue(named >= 3, "the check found only " + named + " mentions of the jar or its coordinates");
    }

    /** The README's text from {@code heading} to the next heading of its level. */
    private static String section(String heading) throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int start = readme.indexOf("\n" + heading + "\n");
        assertTrue(start >= 0, "README.md has no " + heading);
        int end = readme.indexOf("\n## ", start + heading.length() + 2);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    /** The fenced blocks of {@code text}, each as {language, content}. */
    private static List<String[]> codeBlocks(String text) {
        List<String[]> blocks = new ArrayList<>();
        Matcher block = CODE_BLOCK.matcher(text);
        while (block.find()) {
            blocks.add(new String[] {block.group(1), block.group(2)});
        }
        return blocks;
    }

    private static String pomVersion() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8);
        Matcher version = Pattern.compile("<artifactId>sysv-ipc</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertTrue(version.find(), "no version after the project's artifactId in pom.xml");
        return version.group(1);
    }

    /** A key file whose key, with {@code project}, no message queue has: the namespace is shared. */
    private Path unusedKeyFile(char project) throws IOException {
        for (int attempt = 0; attempt < 8; attempt++) {
            Path file = Files.createFile(work.resolve("hello-" + attempt + ".key"));
            try {
                MessageQueue.open(IpcKey.ftok(file, project));
            } catch (IpcNotFoundException free) {
                return file;
            }
        }
        return fail("every key file's key was taken by another program's message queue");
    }

    private String run(String script) throws IOException, InterruptedException {
        Path output = work.resolve("output");
        Process shell = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script).directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!shell.waitFor(60, TimeUnit.SECONDS)) {
            shell.descendants().forEach(ProcessHandle::destroyForcibly);
            shell.destroyForcibly().waitFor();
            fail("the README's example did not end in 60 s; it printed:\n" + Files.readString(output));
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertEquals(0, shell.exitValue(), "the README's example failed; it printed:\n" + printed);
        return printed;
    }

    /** Removes the message queue with {@code key}, if there is one; {@return its description, if there was one} */
    private static Optional<String> removeQueue(IpcKey key) {
        try {
            MessageQueue left = MessageQueue.open(key);
            left.remove();
            return Optional.of(left.toString());
        } catch (IpcNotFoundException gone) {
            return Optional.empty();
        }
    }
}
