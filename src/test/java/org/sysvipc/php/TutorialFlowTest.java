package org.sysvipc.php;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sysvipc.IpcKey;
import org.sysvipc.MessageQueue;
import org.sysvipc.OpenMode;
import org.sysvipc.testing.IpcCleanup;

/** The tutorial's parent and child with mixed peers: a PHP parent, a Java child, a FIFO and a queue. */
class TutorialFlowTest {
    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    @Test
    void aPhpParentAndAJavaChildTalkThroughAFifoAndAQueue(@TempDir Path dir) throws Exception {
        Path keyFile = Files.createFile(dir.resolve("app.key"));
        Path fifo = dir.resolve("parent-to-child");
        // created here first, so that a key some other program uses fails the test instead of touching it
        cleanup.add(MessageQueue.open(IpcKey.ftok(keyFile, 'q'), OpenMode.CREATE_NEW, 0600));
        List<Object> args = new ArrayList<>(List.of(fifo, keyFile));
        args.addAll(javaCommand(TutorialChild.class));
        assertEquals("ok\n", Php.run("tutorial_parent.php", args.toArray()));
        assertFalse(Files.exists(fifo), "the parent removed the FIFO");
    }

    /** The command line of a child JVM running {@code main}, as the PHP parent starts it. */
    private static List<String> javaCommand(Class<?> main) throws URISyntaxException {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m", "-Xshare:auto",
                "--enable-native-access=ALL-UNNAMED",
                "-cp", location(IpcKey.class) + File.pathSeparator + location(main),
                main.getName());
    }

    private static String location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
