package org.sysvipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sysvipc.testing.CProgram;
import org.sysvipc.testing.IpcCleanup;

/** The public errno vocabulary: C's numbers and texts, and what an exception reports. */
class ErrnoTest {
    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    @TempDir
    Path build;

    @Test
    void everyNamedErrnoHasCsNumberAndText() {
        // prints "NAME NUMBER TEXT" for each name, from errno.h and strerror
        StringBuilder source = new StringBuilder("#include <errno.h>\n#include <stdio.h>\n#include <string.h>\n"
                + "#define E(n) printf(\"%s %d %s\\n\", #n, n, strerror(n))\nint main(void) {\n");
        Arrays.stream(Errno.values()).filter(errno -> errno != Errno.OTHER)
                .forEach(errno -> source.append("    E(").append(errno.name()).append(");\n"));
        source.append("    return 0;\n}\n");
        String expected = CProgram.compile(source.toString(), build).run();
        String actual = Arrays.stream(Errno.values()).filter(errno -> errno != Errno.OTHER)
                .map(errno -> errno.name() + " " + errno.number() + " " + errno.description())
                .collect(Collectors.joining("\n", "", "\n"));
        assertEquals(expected, actual);
    }

    @Test
    void ofFindsEveryNumberAndOtherForTheRest() {
        for (Errno errno : Errno.values()) {
            if (errno != Errno.OTHER) {
                assertSame(errno, Errno.of(errno.number()));
            }
        }
        assertSame(Errno.OTHER, Errno.of(75)); // EOVERFLOW, which the enum does not name
        assertSame(Errno.OTHER, Errno.of(0));
        assertSame(Errno.OTHER, Errno.of(-1));
        assertEquals(-1, Errno.OTHER.number());
    }

    @Test
    void anExceptionNamesItsErrnoAndKeepsTheNumber() {
        MessageQueue queue = cleanup.add(MessageQueue.createPrivate());
        queue.remove();
        IpcRemovedException e = assertThrows(IpcRemovedException.class, queue::stat);
        assertSame(Errno.EINVAL, e.errno());
        assertEquals(Errno.EINVAL.number(), e.errnoNumber());
        assertTrue(e.getMessage().contains(": EINVAL (" + Errno.EINVAL.description() + ")"), e.getMessage());
    }

    @Test
    void anErrnoTheEnumDoesNotNameIsOtherWithItsNumberAndTextInTheMessage() {
        IpcException e = new IpcException("shmctl", "shared memory segment 1 (IPC_PRIVATE)", 75);
        assertSame(Errno.OTHER, e.errno());
        assertEquals(75, e.errnoNumber());
        assertEquals("shmctl failed for shared memory segment 1 (IPC_PRIVATE): errno 75 (Value too large for defined data type)",
                e.getMessage());
    }
}
