package org.sysvipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.MemoryLayout.PathElement;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sysvipc.generated.SysvIpc;
import org.sysvipc.generated.msgbuf;
import org.sysvipc.generated.msqid_ds;
import org.sysvipc.generated.stat;
import org.sysvipc.testing.CProgram;

/**
 * Checks jextract's baked-in layouts and constants against what gcc and glibc say on this machine:
 * src/test/resources/org/sysvipc/layout.c, compiled against native-headers/sysvipc.h, prints every
 * struct's size, every field's offset and size and every constant's value. The structs and
 * constants to check come from native-headers/sysvipc.jextract, so one added there and not to
 * layout.c fails here.
 */
class NativeLayoutTest {
    private static final Path HEADERS = Path.of("native-headers").toAbsolutePath();

    @TempDir
    static Path dir;

    private static final Map<String, Long> cStructs = new LinkedHashMap<>();
    private static final Map<String, long[]> cFields = new LinkedHashMap<>();
    private static final Map<String, Long> cConstants = new LinkedHashMap<>();
    private static final List<String> jextractStructs = new ArrayList<>();
    private static final List<String> jextractConstants = new ArrayList<>();
    private static final List<String> jextractFunctions = new ArrayList<>();

    @BeforeAll
    static void runReferenceProgram() throws IOException {
        String source;
        try (InputStream in = NativeLayoutTest.class.getResourceAsStream("layout.c")) {
            assertNotNull(in, "layout.c is missing from the test resources");
            source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String out = CProgram.compile(source, dir, "-I" + HEADERS).run();
        for (String line : out.lines().toList()) {
            String[] words = line.split(" ");
            switch (words[0]) {
                case "struct" -> cStructs.put(words[1], Long.parseLong(words[2]));
                case "field" -> cFields.put(words[1] + "." + words[2],
                        new long[] {Long.parseLong(words[3]), Long.parseLong(words[4])});
                case "const" -> cConstants.put(words[1], Long.parseLong(words[2]));
                default -> throw new AssertionError("unexpected line from layout.c: " + line);
            }
        }
        for (String line : Files.readAllLines(HEADERS.resolve("sysvipc.jextract"))) {
            String[] words = line.trim().split("\\s+");
            if (words.length == 2 && words[0].equals("--include-struct")) {
                jextractStructs.add(words[1]);
            } else if (words.length == 2 && words[0].equals("--include-constant")) {
                jextractConstants.add(words[1]);
            } else if (words.length == 2 && words[0].equals("--include-function")) {
                jextractFunctions.add(words[1]);
            }
        }
        assertFalse(jextractStructs.isEmpty(), "no --include-struct in sysvipc.jextract");
        assertFalse(jextractConstants.isEmpty(), "no --include-constant in sysvipc.jextract");
    }

    @Test
    void everyBoundStructHasTheSizeGccGivesIt() {
        for (String name : jextractStructs) {
            assertTrue(cStructs.containsKey(name), "layout.c does not print struct " + name);
            assertEquals(cStructs.get(name), generatedLayout(name).byteSize(), "sizeof(struct " + name + ")");
        }
        assertEquals(List.copyOf(cStructs.keySet()).stream().sorted().toList(),
                jextractStructs.stream().sorted().toList(), "layout.c prints exactly the bound structs");
    }

    @Test
    void everyFieldOfEveryBoundStructHasGccsOffsetAndSize() {
        int checked = 0;
        for (String struct : jextractStructs) {
            GroupLayout layout = generatedLayout(struct);
            for (MemoryLayout member : layout.memberLayouts()) {
                if (member.name().isEmpty()) {
                    continue; // padding jextract inserted; the neighbours' offsets pin it down
                }
                String field = member.name().get();
                long[] c = cFields.get(struct + "." + field);
                assertNotNull(c, "layout.c does not print " + struct + "." + field);
                assertEquals(c[0], layout.byteOffset(PathElement.groupElement(field)), "offsetof " + struct + "." + field);
                assertEquals(c[1], member.byteSize(), "sizeof " + struct + "." + field);
                checked++;
            }
        }
        assertEquals(cFields.size(), checked, "layout.c prints a field the bindings do not have");
    }

    @Test
    void fieldAccessorsReadAtGccsOffsets() {
        assertEquals(cFields.get("msqid_ds.msg_qnum")[0], msqid_ds.msg_qnum$offset());
        assertEquals(cFields.get("msqid_ds.msg_perm")[0], msqid_ds.msg_perm$offset());
        assertEquals(cFields.get("stat.st_mode")[0], stat.st_mode$offset());
        assertEquals(cFields.get("msgbuf.mtype")[0], msgbuf.mtype$offset());
        assertEquals(cFields.get("msgbuf.mtext")[0], msgbuf.mtext$offset());
    }

    @Test
    void everyBoundConstantHasGlibcsValue() throws ReflectiveOperationException {
        for (String name : jextractConstants) {
            assertTrue(cConstants.containsKey(name), "layout.c does not print " + name);
            Object value = SysvIpc.class.getMethod(name).invoke(null);
            assertEquals(cConstants.get(name), ((Number) value).longValue(), name);
        }
        assertEquals(List.copyOf(cConstants.keySet()).stream().sorted().toList(),
                jextractConstants.stream().sorted().toList(), "layout.c prints exactly the bound constants");
    }

    @Test
    void everyBoundFunctionIsGeneratedAndResolves() throws ReflectiveOperationException {
        assertFalse(jextractFunctions.isEmpty(), "no --include-function in sysvipc.jextract");
        for (String name : jextractFunctions) {
            boolean variadic = Arrays.stream(SysvIpc.class.getClasses()).anyMatch(c -> c.getSimpleName().equals(name));
            if (variadic) {
                continue; // an invoker class (semctl): the call layer links it itself
            }
            MemorySegment address = (MemorySegment) SysvIpc.class.getMethod(name + "$address").invoke(null);
            assertNotEquals(0L, address.address(), name);
        }
    }

    @Test
    void ipcPrivateIsZeroAsIpcKeyPrivateAssumes() {
        assertEquals(0L, cConstants.get("IPC_PRIVATE"));
        assertEquals(cConstants.get("IPC_PRIVATE"), (long) IpcKey.PRIVATE.value());
    }

    @Test
    void fifoPipeBufIsGlibcs() {
        assertEquals(cConstants.get("PIPE_BUF"), (long) Fifo.PIPE_BUF);
    }

    private static GroupLayout generatedLayout(String struct) {
        try {
            return (GroupLayout) Class.forName("org.sysvipc.generated." + struct).getMethod("layout").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("no generated class for struct " + struct, e);
        }
    }
}
