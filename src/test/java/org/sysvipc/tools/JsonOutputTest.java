package org.sysvipc.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sysvipc.IpcKey;
import org.sysvipc.IpcLimits;
import org.sysvipc.MessageQueue;
import org.sysvipc.OpenMode;
import org.sysvipc.SemaphoreSet;
import org.sysvipc.SharedMemory;
import org.sysvipc.internal.UserCalls;
import org.sysvipc.testing.IpcCleanup;
import org.sysvipc.testing.TestKeys;

/** {@code ipcs --json} and {@code limits --json}, read back by a strict JSON parser as a program would. */
class JsonOutputTest {
    /** Jackson, refusing what RFC 8259 does not allow (trailing text, NaN, comments, single quotes). */
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    @Test
    void ipcsJsonGivesEveryObjectWithItsFields() throws Exception {
        IpcKey key = TestKeys.random();
        MessageQueue queue = cleanup.add(MessageQueue.open(key, OpenMode.CREATE_NEW, 0640));
        queue.send(3, new byte[] {1, 2, 3, 4, 5, 6, 7});
        SemaphoreSet set = cleanup.add(SemaphoreSet.createPrivate(3));
        SharedMemory segment = cleanup.add(SharedMemory.createPrivate(100));
        segment.setPermissions(IpcrmTest.OTHER_UID, IpcrmTest.OTHER_UID, 0604);
        Cli result;
        try (SharedMemory.Attachment attachment = segment.attach()) {
            segment.remove(); // stays while attached, marked for destruction
            result = Cli.run("ipcs", "--json");
        }
        assertEquals(0, result.status(), result.err());
        JsonNode listing = STRICT.readTree(result.out());
        assertEquals(List.of("messageQueues", "sharedMemorySegments", "semaphoreSets"), fieldNames(listing));

        String root = UserCalls.userName(0).orElseThrow();
        String rootGroup = UserCalls.groupName(0).orElseThrow();
        JsonNode q = byId(listing.get("messageQueues"), queue.id());
        assertEquals(String.format("0x%08x", key.value()), q.get("key").textValue());
        assertEquals(root, q.get("owner").textValue());
        assertEquals(0, q.get("uid").intValue());
        assertEquals(rootGroup, q.get("group").textValue());
        assertEquals(0, q.get("gid").intValue());
        assertEquals("640", q.get("perms").textValue());
        assertEquals(7, q.get("usedBytes").longValue());
        assertEquals(1, q.get("messages").longValue());

        JsonNode s = byId(listing.get("sharedMemorySegments"), segment.id());
        assertEquals("0x00000000", s.get("key").textValue());
        assertEquals(IpcrmTest.OTHER_UID, s.get("uid").intValue());
        assertEquals(UserCalls.userName(IpcrmTest.OTHER_UID).orElse(null), s.get("owner").textValue(),
                "the name the system has for the uid, or null");
        assertEquals("604", s.get("perms").textValue());
        assertEquals(100, s.get("bytes").longValue());
        assertEquals(1, s.get("attachments").longValue());
        assertEquals(true, s.get("removed").booleanValue());
        assertEquals(false, s.get("locked").booleanValue());

        JsonNode set3 = byId(listing.get("semaphoreSets"), set.id());
        assertEquals(3, set3.get("semaphores").intValue());
        assertEquals("600", set3.get("perms").textValue());
    }

    @Test
    void limitsJsonGivesEveryLimitByItsSysctlName() throws Exception {
        Cli result = Cli.run("limits", "--json");
        assertEquals(0, result.status(), result.err());
        JsonNode limits = STRICT.readTree(result.out());
        IpcLimits expected = IpcLimits.current();
        Map<String, Long> values = new LinkedHashMap<>();
        limits.properties().forEach(entry -> values.put(entry.getKey(), entry.getValue().longValue()));
        assertEquals(Map.ofEntries(Map.entry("msgmni", (long) expected.msgmni()), Map.entry("msgmax", (long) expected.msgmax()),
                Map.entry("msgmnb", (long) expected.msgmnb()), Map.entry("shmmni", (long) expected.shmmni()),
                Map.entry("shmmax", expected.shmmax()), Map.entry("shmall", expected.shmall()),
                Map.entry("semmni", (long) expected.semmni()), Map.entry("semmsl", (long) expected.semmsl()),
                Map.entry("semmns", (long) expected.semmns()), Map.entry("semopm", (long) expected.semopm()),
                Map.entry("semvmx", (long) SemaphoreSet.MAX_VALUE)), values);
    }

    @Test
    void stringsAreEscapedSoTheyReadBackUnchanged() throws Exception {
        String awkward = "quote \" backslash \\ slash / tab \t newline \n nul \0 bell \u0007 del \u007f é 日本 \uD83D\uDE00";
        Map<String, Object> value = new LinkedHashMap<>();
        value.put(awkward, List.of(awkward, Long.MIN_VALUE, Integer.MAX_VALUE, true, Map.of()));
        value.put("empty", List.of());
        value.put("none", null);
        JsonNode read = STRICT.readTree(Json.write(value));
        assertEquals(awkward, read.properties().iterator().next().getKey());
        assertEquals(awkward, read.get(awkward).get(0).textValue());
        assertEquals(Long.MIN_VALUE, read.get(awkward).get(1).longValue());
        assertEquals(Integer.MAX_VALUE, read.get(awkward).get(2).intValue());
        assertEquals(true, read.get(awkward).get(3).booleanValue());
        assertEquals(0, read.get(awkward).get(4).size());
        assertEquals(0, read.get("empty").size());
        assertEquals(true, read.get("none").isNull());
    }

    @Test
    void theParserIsStrictEnoughToCatchBrokenOutput() {
        for (String broken : List.of("{\"a\": 1} x", "{'a': 1}", "{\"a\": NaN}", "{\"a\": 1, \"a\": 2}", "{\"a\": \"\u0001\"}")) {
            assertThrows(JsonProcessingException.class, () -> STRICT.readTree(broken), broken);
        }
    }

    @Test
    void valuesWithoutAJsonFormAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Json.write(List.of(1.5)));
        assertThrows(IllegalArgumentException.class, () -> Json.write(Map.of(1, "a")));
    }

    private static JsonNode byId(JsonNode array, int id) {
        List<JsonNode> found = new ArrayList<>();
        array.forEach(node -> {
            if (node.get("id").intValue() == id) {
                found.add(node);
            }
        });
        assertEquals(1, found.size(), "one entry with id " + id + " in " + array);
        Set<String> fields = new TreeSet<>(fieldNames(found.getFirst()));
        assertEquals(true, fields.containsAll(Arrays.asList("key", "id", "owner", "uid", "group", "gid", "perms")), fields::toString);
        return found.getFirst();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.properties().forEach(entry -> names.add(entry.getKey()));
        return names;
    }
}
