package org.sysvipc.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sysvipc.containers.Containers.background;
import static org.sysvipc.containers.Containers.child;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sysvipc.Fifo;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;

/** A FIFO is a file: containers that bind the same directory share it, whatever their namespaces. */
@ExtendWith(Containers.class)
class FifoContainerTest {

    @Test
    void twoContainersPassTextThroughAFifoInABoundDirectory(@TempDir Path shared) throws Exception {
        try (GenericContainer<?> a = Containers.container().withFileSystemBind(shared.toString(), "/shared", BindMode.READ_WRITE);
                GenericContainer<?> b = Containers.container().withFileSystemBind(shared.toString(), "/shared", BindMode.READ_WRITE)) {
            a.start();
            b.start();
            child(a, "fifo-create", "/shared/hello.fifo");
            assertTrue(Fifo.isFifo(shared.resolve("hello.fifo")), "the host sees the FIFO A made");
            var writer = background(a, "fifo-write", "/shared/hello.fifo", "hello world");
            assertEquals(List.of("hello world"), child(b, "fifo-read", "/shared/hello.fifo"));
            assertEquals(List.of("wrote"), writer.awaitSuccess());
        }
    }
}
