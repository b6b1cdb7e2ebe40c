package org.sysvipc.testing;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sysvipc.IpcException;
import org.sysvipc.MessageQueue;
import org.sysvipc.SemaphoreSet;
import org.sysvipc.SharedMemory;
import org.sysvipc.tools.Main;

/**
 * The CLI ({@link Main}) in a child JVM, run from the compiled classes as a user runs it, and what
 * its {@code --verbose} stderr says it created, so that a test can check that all of it is gone.
 */
public final class CliJvm {
    private static final String KINDS = "(message queue|semaphore set|shared memory segment)";

    private CliJvm() {
    }

    /** {@return the java command that runs the CLI as the module org.sysvipc, as bin/tutorial does} */
    public static List<String> moduleCommand(String... args) {
        return command(true, List.of(), args);
    }

    /** {@return the java command that runs the CLI from the class path} */
    public static List<String> classPathCommand(String... args) {
        return command(false, List.of(), args);
    }

    /**
     * {@return the java command that runs the CLI, with {@code jvmOptions}, as the module
     * org.sysvipc or from the class path} Unlike the module path, which checks with access(2) and
     * so the real uid alone, the class path lets a child given CAP_DAC_READ_SEARCH read classes in
     * a directory only root may enter.
     */
    public static List<String> command(boolean asModule, List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>(List.of(java(), "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xmx64m"));
        command.addAll(jvmOptions);
        if (asModule) {
            command.addAll(List.of("--enable-native-access=org.sysvipc", "--module-path", classes().toString(),
                    "--module", "org.sysvipc/" + Main.class.getName()));
        } else {
            command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "--class-path", classes().toString(),
                    Main.class.getName()));
        }
        command.addAll(List.of(args));
        return command;
    }

    /** {@return the java command that runs {@code jar} as {@code java -jar} does, with nothing else} */
    public static List<String> jarCommand(Path jar, String... args) {
        List<String> command = new ArrayList<>(List.of(java(), "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xmx64m",
                "-jar", jar.toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** {@return the directory of the module's compiled classes (target/classes)} */
    public static Path classes() {
        try {
            return Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * {@return the objects that lines "PROGRAM: created KIND ID ..." of {@code log} name}
     *
     * @param program the name the command gives itself on stderr, such as "tutorial" or "soak"
     */
    public static List<CreatedObject> createdObjects(String program, String log) {
        Pattern created = Pattern.compile(Pattern.quote(program) + ": created " + KINDS + " (\\d+)(?: .*)?");
        List<CreatedObject> objects = new ArrayList<>();
        for (String line : log.lines().toList()) {
            Matcher m = created.matcher(line);
            if (m.matches()) {
                objects.add(new CreatedObject(m.group(1), Integer.parseInt(m.group(2))));
            }
        }
        return objects;
    }

    /** {@return every IPC object of the namespace as "msg:ID", "sem:ID" or "shm:ID"} */
    public static Set<String> ipcIds() throws IOException {
        Set<String> ids = new HashSet<>();
        for (String table : List.of("msg", "sem", "shm")) {
            for (String line : Files.readAllLines(Path.of("/proc/sysvipc", table)).stream().skip(1).toList()) {
                ids.add(table + ":" + line.trim().split("\\s+")[1]);
            }
        }
        return ids;
    }

    /**
     * An object the command said it created.
     *
     * @param kind "message queue", "semaphore set" or "shared memory segment"
     * @param id its identifier
     */
    public record CreatedObject(String kind, int id) {
        /** {@return the object as {@link #ipcIds()} names it} */
        public String procEntry() {
            return switch (kind) {
                case "message queue" -> "msg:" + id;
                case "semaphore set" -> "sem:" + id;
                default -> "shm:" + id;
            };
        }

        /** Removes the object unless it is gone already. */
        public void removeIfPresent() {
            try {
                switch (kind) {
                    case "message queue" -> MessageQueue.ofId(id).remove();
                    case "semaphore set" -> SemaphoreSet.ofId(id).remove();
                    default -> SharedMemory.ofId(id).remove();
                }
            } catch (IpcException gone) {
                // removed, as it should be
            }
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
