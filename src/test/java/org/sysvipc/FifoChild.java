package org.sysvipc;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * FifoTest's other process. {@code create PATH MODE} creates a FIFO (mode in octal) and prints
 * {@code created}, or the exception's simple name and file; {@code write PATH TEXT}
 * opens an existing FIFO, writes TEXT to it and prints {@code wrote}.
 */
public final class FifoChild {
    private FifoChild() {
    }

    public static void main(String[] args) throws Exception {
        Path path = Path.of(args[1]);
        switch (args[0]) {
            case "create" -> {
                try {
                    Fifo.create(path, Integer.parseInt(args[2], 8));
                    System.out.println("created");
                } catch (FileSystemException e) {
                    System.out.println(e.getClass().getSimpleName() + " " + e.getFile());
                }
            }
            case "write" -> {
                try (OutputStream out = Fifo.open(path).newOutputStream()) {
                    out.write(args[2].getBytes(StandardCharsets.UTF_8));
                }
                System.out.println("wrote");
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }
}
