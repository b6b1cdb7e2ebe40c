package org.sysvipc.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sysvipc.IpcLimits;

/**
 * The CLI as its users start it: {@code java -jar} on a jar made like the build's (its help and
 * errors name that command, its version is the manifest's), as a module (the module's version), and
 * through bin/tutorial, which names itself in the {@code sysvipc.command} property.
 */
class ProgramTest {
    private static final String JAR_VERSION = "9.8.7-test";

    @TempDir
    static Path dir;

    private static Path jar;

    /** A jar of the compiled classes with the manifest entries the POM gives the real one. */
    @BeforeAll
    static void makeJar() throws IOException {
        Path manifest = dir.resolve("manifest.txt");
        Files.writeString(manifest, """
                Main-Class: org.sysvipc.tools.Main
                Implementation-Title: sysv-ipc
                Implementation-Version: %s
                Enable-Native-Access: ALL-UNNAMED
                """.formatted(JAR_VERSION));
        jar = dir.resolve("sysv-ipc-" + JAR_VERSION + ".jar");
        ToolProvider tool = ToolProvider.findFirst("jar").orElseThrow();
        int status = tool.run(System.out, System.err, "--create", "--file", jar.toString(),
                "--manifest", manifest.toString(), "-C", Cli.classes().toString(), ".");
        assertEquals(0, status, "jar --create");
    }

    @Test
    void fromTheJarHelpNamesJavaJar() {
        Cli help = Cli.exec(Cli.jarCommand(jar, "help"));
        assertEquals(0, help.status(), help.err());
        assertTrue(help.out().startsWith("Usage: java -jar sysv-ipc-" + JAR_VERSION + ".jar [COMMAND]"), help.out());
        assertEquals("", help.err());
    }

    @Test
    void fromTheJarErrorsNameJavaJar() {
        Cli bad = Cli.exec(Cli.jarCommand(jar, "frobnicate"));
        assertEquals(Main.USAGE, bad.status());
        assertTrue(bad.err().startsWith("java -jar sysv-ipc-" + JAR_VERSION + ".jar: unknown command: frobnicate\n"), bad.err());
    }

    @Test
    void fromTheJarVersionIsTheManifests() {
        for (String option : List.of("--version", "version")) {
            Cli version = Cli.exec(Cli.jarCommand(jar, option));
            assertEquals(0, version.status(), version.err());
            assertEquals("sysv-ipc " + JAR_VERSION + "\n", version.out());
        }
    }

    @Test
    void theJarRunsNativeCallsWithNoFlagAndNoWarning() throws Exception {
        Cli limits = Cli.exec(Cli.jarCommand(jar, "limits", "--json"));
        assertEquals(0, limits.status(), limits.err());
        assertEquals(IpcLimits.current().msgmax(), new ObjectMapper().readTree(limits.out()).get("msgmax").intValue());
        assertEquals("", limits.err(), "the manifest's Enable-Native-Access grants it: no restricted-method warning");
    }

    @Test
    void withoutNativeAccessACommandSaysWhichFlagToAddAndHelpStillRuns() {
        List<String> command = new ArrayList<>(Cli.classPathCommand("limits"));
        command.remove("--enable-native-access=ALL-UNNAMED");
        Cli limits = Cli.exec(command);
        assertEquals(1, limits.status(), limits.err());
        assertEquals("", limits.out());
        assertTrue(limits.err().startsWith("java " + Main.class.getName() + " limits: org.sysvipc calls native code"),
                limits.err());
        assertTrue(limits.err().contains("add --enable-native-access=ALL-UNNAMED to the java command line"),
                limits.err());
        command.set(command.size() - 1, "help");
        Cli help = Cli.exec(command);
        assertEquals(0, help.status(), help.err());
        assertEquals("", help.err());
    }

    @Test
    void asAModuleTheVersionIsTheModules() {
        String moduleVersion = ModuleFinder.of(Cli.classes()).find("org.sysvipc").orElseThrow()
                .descriptor().rawVersion().orElseThrow();
        Cli version = Cli.exec(Cli.moduleCommand("--version"));
        assertEquals(0, version.status(), version.err());
        assertEquals("sysv-ipc " + moduleVersion + "\n", version.out());
        assertFalse(moduleVersion.isBlank());
    }

    @Test
    void throughBinTutorialHelpAndErrorsNameIt() {
        List<String> command = new ArrayList<>(Cli.moduleCommand("help"));
        command.add(command.indexOf("--module-path"), "-D" + Program.COMMAND_PROPERTY + "=bin/tutorial");
        Cli help = Cli.exec(command);
        assertEquals(0, help.status(), help.err());
        assertTrue(help.out().startsWith("Usage: bin/tutorial [COMMAND]"), help.out());
        command.set(command.size() - 1, "--processes");
        Cli bad = Cli.exec(command);
        assertEquals(Main.USAGE, bad.status());
        assertTrue(bad.err().startsWith("bin/tutorial: --processes needs a number\n"), bad.err());
    }

    @Test
    void inThisJvmItNamesTheJavaCommandForTheClasses() {
        Cli help = Cli.run("help");
        assertTrue(help.out().startsWith("Usage: java " + Main.class.getName() + " [COMMAND]"), help.out());
    }
}
