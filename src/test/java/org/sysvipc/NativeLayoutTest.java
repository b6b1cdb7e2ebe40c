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
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.sysvipc.testing.CProgram;
import org.sysvipc.testing.CTarget;

/**
 * Checks jextract's baked-in layouts and constants, for every architecture the bindings are
 * generated for, against what gcc and glibc say for that architecture:
 * src/test/resources/org/sysvipc/layout.c, compiled against native-headers/sysvipc.h, prints every
 * struct's size, every field's offset and size and every constant's value. It is compiled for this
 * machine, or with a cross compiler and run under qemu-user for another architecture
 * ({@link CTarget}). The architectures and their packages come from native-headers/regenerate's
 * table, and the structs and constants to check from native-headers/sysvipc.jextract, so a target
 * or a name added there and not here, or not to layout.c, fails here.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("generatedBindings")
class NativeLayoutTest {
    private static final Path HEADERS = Path.of("native-headers").toAbsolutePath();
    /** A line of regenerate's table: {@code "amd64 x86_64-linux-gnu org.sysvipc.generated.x86_64"}. */
    private static final Pattern TARGET_LINE = Pattern.compile("^\\s*\"(\\S+)\\s+(\\S+-linux-gnu)\\s+(\\S+)\"\\s*$");

    @TempDir
    static Path dir;

    private static final List<String> jextractStructs = new ArrayList<>();
    private static final List<String> jextractConstants = new ArrayList<>();
    private static final List<String> jextractFunctions = new ArrayList<>();
    private static final Map<Bindings, CReference> references = new ConcurrentHashMap<>();

    /**
     * The bindings of one architecture: a line of regenerate's table.
     *
     * @param arch its os.arch
     * @param triple clang's and gcc's target triple
     * @param packageName the package jextract writes them to
     */
    record Bindings(String arch, String triple, String packageName) {
        @Override
        public String toString() {
            return packageName + " (" + triple + ")";
        }
    }

    /** What layout.c printed for one architecture. */
    private record CReference(Map<String, Long> structs, Map<String, long[]> fields, Map<String, Long> constants) {
    }

    private final Bindings bindings;
    private final CReference c;

    NativeLayoutTest(Bindings bindings) {
        this.bindings = bindings;
        this.c = references.computeIfAbsent(bindings, NativeLayoutTest::runReferenceProgram);
    }

    static List<Bindings> generatedBindings() throws IOException {
        List<Bindings> all = new ArrayList<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(HEADERS.resolve("regenerate"))) {
            if (line.startsWith("targets=(")) {
                inTable = true;
            } else if (inTable && line.trim().equals(")")) {
                break;
            } else if (inTable) {
                Matcher target = TARGET_LINE.matcher(line);
                assertTrue(target.matches(), "not a target line in regenerate's table: " + line);
                all.add(new Bindings(target.group(1), target.group(2), target.group(3)));
            }
        }
        assertFalse(all.isEmpty(), "no targets=( ... ) table in native-headers/regenerate");
        return all;
    }

    @BeforeAll
    static void readArgfile() throws IOException {
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

    private static CReference runReferenceProgram(Bindings bindings) {
        String source;
        try (InputStream in = NativeLayoutTest.class.getResourceAsStream("layout.c")) {
            assertNotNull(in, "layout.c is missing from the test resources");
            source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Path programDir = Files.createDirectories(dir.resolve(bindings.triple()));
            String out = CProgram.compile(CTarget.ofTriple(bindings.triple()), source, programDir, "-I" + HEADERS).run();
            CReference reference = new CReference(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>());
            for (String line : out.lines().toList()) {
                String[] words = line.split(" ");
                switch (words[0]) {
                    case "struct" -> reference.structs().put(words[1], Long.parseLong(words[2]));
                    case "field" -> reference.fields().put(words[1] + "." + words[2],
                            new long[] {Long.parseLong(words[3]), Long.parseLong(words[4])});
                    case "const" -> reference.constants().put(words[1], Long.parseLong(words[2]));
                    default -> throw new AssertionError("unexpected line from layout.c: " + line);
                }
            }
            return reference;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void generatedForNamesThisArchitecture() throws ReflectiveOperationException {
        Class<?> generatedFor = generatedClass("GeneratedFor");
        assertEquals(bindings.arch(), generatedFor.getField("ARCH").get(null), "GeneratedFor.ARCH");
        assertEquals("Linux", generatedFor.getField("OS").get(null), "GeneratedFor.OS");
        assertEquals(bindings.triple(), generatedFor.getField("TARGET").get(null), "GeneratedFor.TARGET");
    }

    @Test
    void everyBoundStructHasTheSizeGccGivesIt() {
        for (String name : jextractStructs) {
            assertTrue(c.structs().containsKey(name), "layout.c does not print struct " + name);
            assertEquals(c.structs().get(name), generatedLayout(name).byteSize(), "sizeof(struct " + name + ")");
        }
        assertEquals(List.copyOf(c.structs().keySet()).stream().sorted().toList(),
                jextractStructs.stream().sorted().toList(), "layout.c prints exactly the bound structs");
    }

    @Test
    void everyFieldOfEveryBoundStructHasGccsOffsetAndSize() throws ReflectiveOperationException {
        int checked = 0;
        for (String struct : jextractStructs) {
            GroupLayout layout = generatedLayout(struct);
            Class<?> accessors = generatedClass(struct);
            for (MemoryLayout member : layout.memberLayouts()) {
                if (member.name().isEmpty()) {
                    continue; // padding jextract inserted; the neighbours' offsets pin it down
                }
                String field = member.name().get();
                long[] expected = c.fields().get(struct + "." + field);
                assertNotNull(expected, "layout.c does not print " + struct + "." + field);
                assertEquals(expected[0], layout.byteOffset(PathElement.groupElement(field)), "offsetof " + struct + "." + field);
                assertEquals(expected[1], member.byteSize(), "sizeof " + struct + "." + field);
                // the accessors the Java layer calls read at the offset they were generated with
                assertEquals(expected[0], accessors.getMethod(field + "$offset").invoke(null),
                        struct + "." + field + "$offset()");
                checked++;
            }
        }
        assertEquals(c.fields().size(), checked, "layout.c prints a field the bindings do not have");
    }

    @Test
    void everyBoundConstantHasGlibcsValue() throws ReflectiveOperationException {
        Class<?> header = generatedClass("SysvIpc");
        for (String name : jextractConstants) {
            assertTrue(c.constants().containsKey(name), "layout.c does not print " + name);
            Object value = header.getMethod(name).invoke(null);
            long expected = c.constants().get(name);
            if (value instanceof Integer) {
                expected = (int) expected; // an unsigned int flag such as SA_RESETHAND (0x80000000): its 32 bits
            }
            assertEquals(expected, ((Number) value).longValue(), name);
        }
        assertEquals(List.copyOf(c.constants().keySet()).stream().sorted().toList(),
                jextractConstants.stream().sorted().toList(), "layout.c prints exactly the bound constants");
    }

    @Test
    void everyBoundFunctionIsGeneratedAndResolves() throws ReflectiveOperationException {
        assertFalse(jextractFunctions.isEmpty(), "no --include-function in sysvipc.jextract");
        Class<?> header = generatedClass("SysvIpc");
        for (String name : jextractFunctions) {
            boolean variadic = Arrays.stream(header.getClasses()).anyMatch(c -> c.getSimpleName().equals(name));
            if (variadic) {
                continue; // an invoker class (semctl): the call layer links it itself
            }
            MemorySegment address = (MemorySegment) header.getMethod(name + "$address").invoke(null);
            assertNotEquals(0L, address.address(), name);
        }
    }

    @Test
    void ipcPrivateIsZeroAsIpcKeyPrivateAssumes() {
        assertEquals(0L, c.constants().get("IPC_PRIVATE"));
        assertEquals(c.constants().get("IPC_PRIVATE"), (long) IpcKey.PRIVATE.value());
    }

    @Test
    void fifoPipeBufIsGlibcs() {
        assertEquals(c.constants().get("PIPE_BUF"), (long) Fifo.PIPE_BUF);
    }

    private Class<?> generatedClass(String simpleName) {
        try {
            return Class.forName(bindings.packageName() + "." + simpleName);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("no generated class " + simpleName + " in " + bindings.packageName(), e);
        }
    }

    private GroupLayout generatedLayout(String struct) {
        try {
            return (GroupLayout) generatedClass(struct).getMethod("layout").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("no layout() in the generated class for struct " + struct, e);
        }
    }
}
