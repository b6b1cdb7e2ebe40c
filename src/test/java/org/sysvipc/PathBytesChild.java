package org.sysvipc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@link PathBytesTest}'s other process, run under another locale: prints
 * {@code encoding SUN_JNU_ENCODING}, then {@code ftok KEY} for every entry of the directory
 * (as {@link Files#list} gives them), then {@code fifo true} for every subdirectory in which it
 * made a FIFO that {@link Fifo#open} then finds.
 */
public final class PathBytesChild {
    private PathBytesChild() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int projectId = Integer.parseInt(args[1]);
        System.out.println("encoding " + System.getProperty("sun.jnu.encoding"));
        List<Path> entries;
        try (Stream<Path> list = Files.list(dir)) {
            entries = list.toList();
        }
        for (Path entry : entries) {
            System.out.println("ftok " + IpcKey.ftok(entry, projectId).value());
        }
        for (Path entry : entries) {
            if (Files.isDirectory(entry)) {
                Path fifo = Fifo.create(entry.resolve("fifo"), 0600).path();
                System.out.println("fifo " + (Fifo.open(fifo).path().equals(fifo) && Fifo.isFifo(fifo)));
            }
        }
    }
}
