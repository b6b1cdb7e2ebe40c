package org.sysvipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sysvipc.testing.ChildJvm;

class FifoTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {0600, 0666, 0777, 0640, 0})
    void createMakesAFifoWithExactlyThePermissionsAskedDespiteTheUmask(int permissions) throws IOException {
        Path path = dir.resolve("fifo");
        Fifo fifo = Fifo.create(path, permissions);
        assertEquals(path, fifo.path());
        assertTrue(Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther());
        assertTrue(Fifo.isFifo(path));
        assertEquals(String.format("%o", permissions), String.format("%o", modeOf(path)));
    }

    @Test
    void createRefusesAnyExistingPath() throws IOException {
        Path fifo = Fifo.create(dir.resolve("fifo"), 0600).path();
        Path file = Files.createFile(dir.resolve("file"));
        for (Path path : new Path[] {fifo, file, dir}) {
            FileAlreadyExistsException e =
                    assertThrows(FileAlreadyExistsException.class, () -> Fifo.create(path, 0600));
            assertEquals(path.toString(), e.getFile());
        }
        assertTrue(Files.isRegularFile(file), "the file is left alone");
    }

    @Test
    void createIfAbsentCreatesOrTakesAFifoAsItIs() throws IOException {
        Path path = dir.resolve("fifo");
        Fifo created = Fifo.createIfAbsent(path, 0640);
        assertEquals(0640, modeOf(path));
        Fifo taken = Fifo.createIfAbsent(path, 0600);
        assertEquals(created, taken);
        assertEquals(0640, modeOf(path), "an existing FIFO keeps its permissions");
    }

    @Test
    void createIfAbsentRefusesAPathThatIsNotAFifo() throws IOException {
        Path file = Files.createFile(dir.resolve("file"));
        for (Path path : new Path[] {file, dir}) {
            NotFifoException e = assertThrows(NotFifoException.class, () -> Fifo.createIfAbsent(path, 0600));
            assertEquals(path + ": not a FIFO", e.getMessage());
            assertEquals(path.toString(), e.getFile());
        }
    }

    @Test
    void isFifoTellsAFifoFromAFileADirectoryAndNothing() throws IOException {
        Path fifo = Fifo.create(dir.resolve("fifo"), 0600).path();
        Path file = Files.createFile(dir.resolve("file"));
        assertTrue(Fifo.isFifo(fifo));
        assertFalse(Fifo.isFifo(file));
        assertFalse(Fifo.isFifo(dir));
        assertFalse(Fifo.isFifo(dir.resolve("missing")));
        assertFalse(Fifo.isFifo(file.resolve("below-a-file")));
    }

    @Test
    void openTakesAFifoAndSaysWhyElseNot() throws IOException {
        Path fifo = Fifo.create(dir.resolve("fifo"), 0600).path();
        assertEquals(fifo, Fifo.open(fifo).path());

        Path file = Files.createFile(dir.resolve("file"));
        for (Path path : new Path[] {file, dir}) {
            NotFifoException e = assertThrows(NotFifoException.class, () -> Fifo.open(path));
            assertEquals(path + ": not a FIFO", e.getMessage());
        }

        Path missing = dir.resolve("missing");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> Fifo.open(missing));
        assertEquals(missing.toString(), e.getFile());
    }

    @Test
    void createInAMissingDirectoryIsNotFound() {
        Path path = dir.resolve("missing").resolve("fifo");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> Fifo.create(path, 0600));
        assertEquals(path.toString(), e.getFile());
        assertThrows(NoSuchFileException.class, () -> Fifo.createIfAbsent(path, 0600));
    }

    @Test
    void anEmptyPathIsRefused() {
        Path empty = Path.of("");
        assertThrows(IllegalArgumentException.class, () -> Fifo.create(empty, 0600));
        assertThrows(IllegalArgumentException.class, () -> Fifo.createIfAbsent(empty, 0600));
        assertThrows(IllegalArgumentException.class, () -> Fifo.open(empty));
        assertThrows(IllegalArgumentException.class, () -> Fifo.isFifo(empty));
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 01000, 04755, 02600, 0x10000})
    void permissionsOutside0777AreRefusedAndNothingIsCreated(int permissions) {
        Path path = dir.resolve("fifo");
        assertThrows(IllegalArgumentException.class, () -> Fifo.create(path, permissions));
        assertThrows(IllegalArgumentException.class, () -> Fifo.createIfAbsent(path, permissions));
        assertFalse(Files.exists(path, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void anotherUserCannotCreateInAPrivateDirectory() throws IOException {
        Path closed = Files.createDirectory(dir.resolve("closed"));
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
        Path path = closed.resolve("fifo");
        String out = ChildJvm.runAs(1000, 1000, FifoChild.class, "create", path.toString(), "600").trim();
        assertEquals("AccessDeniedException " + path, out);
        assertFalse(Files.exists(path, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void helloWorldFromAnotherProcess() throws IOException {
        Fifo fifo = Fifo.create(dir.resolve("greetings"), 0600);
        Process writer = ChildJvm.start(FifoChild.class, "write", fifo.path().toString(), "hello world");
        String received;
        try (InputStream in = fifo.newInputStream()) { // blocks until the child opens its end
            received = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals("wrote", ChildJvm.await(writer).trim());
        assertEquals("hello world", received);
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void writesOfPipeBufBytesFromTwoWritersArriveWhole() throws Exception {
        Fifo fifo = Fifo.create(dir.resolve("fifo"), 0600);
        // far more than a pipe holds (64 KiB), so the writers block and run while the reader drains
        int records = 128;
        CountDownLatch bothOpen = new CountDownLatch(2);
        Function<Byte, Void> writer = fill -> {
            try (FileChannel out = fifo.openWriter()) {
                bothOpen.countDown();
                bothOpen.await(); // the reader sees end of stream only once both have written
                ByteBuffer record = ByteBuffer.allocateDirect(Fifo.PIPE_BUF);
                for (int i = 0; i < records; i++) {
                    record.clear();
                    while (record.hasRemaining()) {
                        record.put(fill);
                    }
                    record.flip();
                    assertEquals(Fifo.PIPE_BUF, out.write(record));
                }
                return null;
            } catch (IOException | InterruptedException e) {
                throw new AssertionError(e);
            }
        };
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try (ExecutorService writers = Executors.newFixedThreadPool(2)) {
            Future<Void> a = writers.submit(() -> writer.apply((byte) 'A'));
            Future<Void> b = writers.submit(() -> writer.apply((byte) 'B'));
            try (FileChannel in = fifo.openReader()) {
                ByteBuffer buffer = ByteBuffer.allocate(1000); // not a multiple of PIPE_BUF on purpose
                while (in.read(buffer) != -1) {
                    received.write(buffer.array(), 0, buffer.position());
                    buffer.clear();
                }
            }
            a.get();
            b.get();
        }
        byte[] bytes = received.toByteArray();
        assertEquals(2 * records * Fifo.PIPE_BUF, bytes.length);
        int as = 0;
        for (int start = 0; start < bytes.length; start += Fifo.PIPE_BUF) {
            byte first = bytes[start];
            for (int i = start; i < start + Fifo.PIPE_BUF; i++) {
                if (bytes[i] != first) {
                    throw new AssertionError("record at byte " + start + " was interleaved at byte " + i);
                }
            }
            as += first == 'A' ? 1 : 0;
        }
        assertEquals(records, as);
    }

    @Test
    void removeDeletesThePathOnce() throws IOException {
        Fifo fifo = Fifo.create(dir.resolve("fifo"), 0600);
        assertTrue(fifo.remove());
        assertFalse(Files.exists(fifo.path(), LinkOption.NOFOLLOW_LINKS));
        assertFalse(fifo.remove());
        assertThrows(NoSuchFileException.class, () -> Fifo.open(fifo.path()));
    }

    @Test
    void pipeBufIsLinuxs() {
        assertEquals(4096, Fifo.PIPE_BUF);
    }

    @Test
    void equalityAndStringFollowThePath() throws IOException {
        Path path = dir.resolve("fifo");
        Fifo fifo = Fifo.create(path, 0600);
        assertEquals(fifo, Fifo.open(path));
        assertEquals(fifo.hashCode(), Fifo.open(path).hashCode());
        assertNotEquals(fifo, Fifo.create(dir.resolve("other"), 0600));
        assertEquals("FIFO " + path, fifo.toString());
    }

    private static int modeOf(Path path) throws IOException {
        return (int) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    }
}
