package org.sysvipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sysvipc.testing.CProgram;

class IpcKeyTest {
    /** Prints glibc's ftok(path, id) for each pair of arguments, one decimal key a line. */
    private static final String FTOK_C = """
            #include <stdio.h>
            #include <stdlib.h>
            #include <sys/ipc.h>

            int main(int argc, char **argv) {
                for (int i = 1; i + 1 < argc; i += 2) {
                    key_t key = ftok(argv[i], atoi(argv[i + 1]));
                    if (key == -1) {
                        perror(argv[i]);
                        return 1;
                    }
                    printf("%d\\n", (int) key);
                }
                return 0;
            }
            """;

    @TempDir
    Path dir;

    @Test
    void ftokMakesGlibcsKeys() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");
        Path subdirectory = Files.createDirectory(dir.resolve("subdirectory"));
        List<Path> paths = List.of(Path.of("/"), dir, file, subdirectory);
        int[] ids = {1, 'A', 127, 128, 255};
        List<String> args = new ArrayList<>();
        List<Integer> javaKeys = new ArrayList<>();
        for (Path path : paths) {
            for (int id : ids) {
                args.add(path.toString());
                args.add(Integer.toString(id));
                javaKeys.add(IpcKey.ftok(path, id).value());
            }
        }
        Path build = Files.createDirectory(dir.resolve("build"));
        List<Integer> cKeys = CProgram.compile(FTOK_C, build).run(args.toArray(String[]::new))
                .lines().map(Integer::valueOf).toList();
        assertEquals(cKeys, javaKeys);
        assertNotEquals(javaKeys.get(0), javaKeys.get(1), "the project id changes the key");
    }

    @Test
    void ftokOfAMissingPathIsAnUncheckedNoSuchFileException() {
        Path missing = dir.resolve("missing");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> IpcKey.ftok(missing, 1));
        NoSuchFileException cause = assertInstanceOf(NoSuchFileException.class, e.getCause());
        assertEquals(missing.toString(), cause.getFile());
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void ftokRefusesAnEmptyPath() {
        assertThrows(IllegalArgumentException.class, () -> IpcKey.ftok(Path.of(""), 1));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 256, -1, Integer.MIN_VALUE})
    void ftokRefusesProjectIdsOutside1To255(int projectId) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> IpcKey.ftok(dir, projectId));
        assertTrue(e.getMessage().contains(Integer.toString(projectId)), e.getMessage());
    }

    @Test
    void zeroIsPrivate() {
        assertSame(IpcKey.PRIVATE, IpcKey.of(0));
        assertTrue(IpcKey.PRIVATE.isPrivate());
        assertFalse(IpcKey.of(1).isPrivate());
        assertEquals(0, IpcKey.PRIVATE.value());
    }

    @Test
    void equalValuesAreEqualKeys() {
        assertEquals(IpcKey.of(0xbeef), IpcKey.of(0xbeef));
        assertNotEquals(IpcKey.of(0xbeef), IpcKey.of(0xbeee));
    }

    @Test
    void toStringIsIpcsStyleHex() {
        assertEquals("key 0x0000beef", IpcKey.of(0xbeef).toString());
        assertEquals("key 0x80000001", IpcKey.of(0x80000001).toString());
        assertEquals("key 0xffffffff", IpcKey.of(-1).toString());
        assertEquals("IPC_PRIVATE", IpcKey.PRIVATE.toString());
    }
}
