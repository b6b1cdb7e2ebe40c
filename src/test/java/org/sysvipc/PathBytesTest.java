package org.sysvipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sysvipc.testing.CProgram;
import org.sysvipc.testing.ChildJvm;

/**
 * File names are bytes: {@link IpcKey#ftok} and {@link Fifo} must reach the file a {@link Path}
 * names whatever those bytes are, as the JDK's own file operations do, in this JVM (UTF-8) and in
 * one whose locale is C (ASCII). A C program makes names that are not UTF-8 and names that are
 * UTF-8 but not ASCII, and gives glibc's ftok of each to compare with.
 */
class PathBytesTest {
    private static final int PROJECT_ID = 'k';
    /** {@code make DIR}: files and directories with odd names; {@code keys DIR ID}: glibc's ftok of each entry. */
    private static final String NAMES_C = """
            #include <dirent.h>
            #include <fcntl.h>
            #include <stdio.h>
            #include <stdlib.h>
            #include <string.h>
            #include <sys/ipc.h>
            #include <sys/stat.h>
            #include <unistd.h>

            int main(int argc, char **argv) {
                char path[4096];
                if (strcmp(argv[1], "make") == 0) {
                    const char *files[] = {"latin1-\\xe9", "utf8-\\xc3\\xa9", "bytes-\\xff\\xfe", "ascii"};
                    const char *dirs[] = {"dir-latin1-\\xe9", "dir-utf8-\\xc3\\xa9"};
                    for (int i = 0; i < 4; i++) {
                        snprintf(path, sizeof path, "%s/%s", argv[2], files[i]);
                        int fd = open(path, O_CREAT | O_WRONLY, 0600);
                        if (fd < 0) { perror(path); return 1; }
                        close(fd);
                    }
                    for (int i = 0; i < 2; i++) {
                        snprintf(path, sizeof path, "%s/%s", argv[2], dirs[i]);
                        if (mkdir(path, 0755) != 0) { perror(path); return 1; }
                    }
                    return 0;
                }
                DIR *dir = opendir(argv[2]);
                if (dir == NULL) { perror(argv[2]); return 1; }
                struct dirent *entry;
                while ((entry = readdir(dir)) != NULL) {
                    if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0) continue;
                    snprintf(path, sizeof path, "%s/%s", argv[2], entry->d_name);
                    key_t key = ftok(path, atoi(argv[3]));
                    if (key == -1) { perror(path); return 1; }
                    printf("%d\\n", (int) key);
                }
                closedir(dir);
                return 0;
            }
            """;

    @TempDir
    Path work;
    private Path names;
    private CProgram program;

    @BeforeEach
    void makeOddNames() throws IOException {
        program = CProgram.compile(NAMES_C, Files.createDirectory(work.resolve("build")));
        names = Files.createDirectory(work.resolve("names"));
        program.run("make", names.toString());
    }

    @Test
    void ftokOfEveryNameIsGlibcsInThisJvm() throws IOException {
        List<Integer> javaKeys = new ArrayList<>();
        for (Path entry : entries()) {
            javaKeys.add(IpcKey.ftok(entry, PROJECT_ID).value());
        }
        assertEquals(6, javaKeys.size());
        assertEquals(sorted(glibcKeys()), sorted(javaKeys));
    }

    @Test
    void aFifoIsMadeInADirectoryWhoseNameIsNotUtf8() throws IOException {
        for (Path entry : entries()) {
            if (Files.isDirectory(entry)) {
                Path path = entry.resolve("fifo");
                Fifo fifo = Fifo.create(path, 0640);
                assertTrue(Fifo.isFifo(path));
                assertEquals(fifo, Fifo.open(path));
                assertTrue(Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS).isOther());
                assertTrue(fifo.remove());
                assertFalse(Fifo.isFifo(path));
            }
        }
        assertEquals(6, entries().size(), "nothing was made beside the odd names");
    }

    @Test
    void ftokAndFifosWorkInAJvmWhoseLocaleIsC() {
        String out = ChildJvm.await(ChildJvm.startWithPrefix(List.of("env", "LC_ALL=C", "LANG=C"),
                PathBytesChild.class, names.toString(), Integer.toString(PROJECT_ID)));
        List<String> lines = out.lines().toList();
        assertEquals("encoding ANSI_X3.4-1968", lines.get(0), "the child's locale should be C");
        List<Integer> childKeys = lines.stream().filter(line -> line.startsWith("ftok "))
                .map(line -> Integer.valueOf(line.substring(5))).toList();
        assertEquals(sorted(glibcKeys()), sorted(childKeys));
        assertEquals(List.of("fifo true", "fifo true"), lines.stream().filter(line -> line.startsWith("fifo ")).toList());
    }

    private List<Path> entries() throws IOException {
        try (Stream<Path> list = Files.list(names)) {
            return list.toList();
        }
    }

    private List<Integer> glibcKeys() {
        return program.run("keys", names.toString(), Integer.toString(PROJECT_ID)).lines()
                .map(Integer::valueOf).toList();
    }

    private static List<Integer> sorted(List<Integer> keys) {
        return keys.stream().sorted().toList();
    }
}
