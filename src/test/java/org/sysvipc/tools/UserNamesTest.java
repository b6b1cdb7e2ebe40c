package org.sysvipc.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sysvipc.MessageQueue;
import org.sysvipc.internal.UserCalls;
import org.sysvipc.testing.CliJvm;
import org.sysvipc.testing.IpcCleanup;

/**
 * Owner and group names come from NSS (getpwuid_r, getgrgid_r), as ipcs's do: they match
 * {@code getent} and util-linux {@code ipcs}, also for a user that only an NSS module knows.
 */
class UserNamesTest {
    /** A uid and gid no account has, given to a user and group only systemd's NSS module knows in the last test. */
    private static final int NSS_ONLY_ID = 4711;
    private static final String NSS_ONLY_USER = "sysvnssonly";
    private static final String NSS_ONLY_GROUP = "sysvnssgroup";
    /** A gid no group has, given to a group too large for the lookup's buffer. */
    private static final int HUGE_GROUP_ID = 4713;

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    @Test
    void namesAreWhatGetentGives() {
        for (int id : new int[] {0, 1, 2, 100, 1000, 65534, NSS_ONLY_ID, 2_000_000_000, -2}) {
            assertEquals(getent("passwd", id), UserCalls.userName(id), "user " + Integer.toUnsignedString(id));
            assertEquals(getent("group", id), UserCalls.groupName(id), "group " + Integer.toUnsignedString(id));
        }
        assertEquals(Optional.of("root"), UserCalls.userName(0));
    }

    @Test
    void theEffectiveUidIsTheProcesssOwn() throws Exception {
        assertEquals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"), UserCalls.effectiveUid());
    }

    @Test
    void ipcsShowsTheOwnersUtilLinuxIpcsShows() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ipcs")), "util-linux ipcs is not installed");
        MessageQueue rootsQueue = cleanup.add(MessageQueue.createPrivate());
        MessageQueue usersQueue = cleanup.add(MessageQueue.createPrivate());
        usersQueue.setPermissions(1000, 1000, 0600);
        Cli ours = Cli.run("ipcs");
        Cli theirs = Cli.exec(List.of("/usr/bin/ipcs", "-q"));
        assertEquals(0, ours.status(), ours.err());
        assertEquals(0, theirs.status(), theirs.err());
        for (MessageQueue queue : List.of(rootsQueue, usersQueue)) {
            assertEquals(owner(theirs.out(), queue.id()), owner(ours.out(), queue.id()), "owner of queue " + queue.id());
        }
        assertEquals("root", owner(ours.out(), rootsQueue.id()));
    }

    @Test
    void aUserOnlyAnNssModuleKnowsShowsByName(@TempDir Path records) throws Exception {
        assumeTrue(Files.readAllLines(Path.of("/etc/nsswitch.conf")).stream()
                        .anyMatch(line -> line.matches("passwd:.*\\bsystemd\\b.*")),
                "/etc/nsswitch.conf does not ask systemd's NSS module (libnss-systemd) for users");
        for (int id : new int[] {NSS_ONLY_ID, HUGE_GROUP_ID}) {
            assertEquals(Optional.empty(), UserCalls.userName(id), "no account may have uid " + id + " for this test");
            assertEquals(Optional.empty(), UserCalls.groupName(id), "no group may have gid " + id + " for this test");
        }
        // systemd's "drop-in" user and group records, which its NSS module reads from /run/userdb:
        // a user whose record needs more than sysconf's 1024 bytes (a long real name), a group with
        // 300 members (so more too), and a group whose members need more than the 1 MiB the lookup
        // allows itself, which then shows as a number
        writeRecord(records, NSS_ONLY_USER + ".user", NSS_ONLY_ID + ".user", "{\"userName\":\"" + NSS_ONLY_USER
                + "\",\"uid\":" + NSS_ONLY_ID + ",\"gid\":" + NSS_ONLY_ID + ",\"realName\":\"" + "x".repeat(5000) + "\"}");
        writeRecord(records, NSS_ONLY_GROUP + ".group", NSS_ONLY_ID + ".group", groupRecord(NSS_ONLY_GROUP, NSS_ONLY_ID, 300, 20));
        writeRecord(records, "sysvhugegroup.group", HUGE_GROUP_ID + ".group", groupRecord("sysvhugegroup", HUGE_GROUP_ID, 5000, 230));
        MessageQueue queue = cleanup.add(MessageQueue.createPrivate());
        queue.setPermissions(NSS_ONLY_ID, NSS_ONLY_ID, 0600);
        MessageQueue hugeGroupsQueue = cleanup.add(MessageQueue.createPrivate());
        hugeGroupsQueue.setPermissions(NSS_ONLY_ID, HUGE_GROUP_ID, 0600);
        // in a mount namespace of its own, with a tmpfs over /run: the host's /run and /etc stay untouched
        String script = "set -e; mount -t tmpfs sysvipc-userdb /run; mkdir /run/userdb; cp -a \"$1\"/. /run/userdb/; shift; "
                + "/usr/bin/ipcs -q; echo @@; \"$@\" ipcs; echo @@; \"$@\" ipcs --json";
        List<String> command = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private",
                "sh", "-c", script, "sh", records.toString()));
        command.addAll(CliJvm.moduleCommand());
        Cli result = Cli.exec(command);
        assertEquals(0, result.status(), result.err());
        String[] parts = result.out().split("@@\n");
        assertEquals(3, parts.length, result.out());
        assertEquals(NSS_ONLY_USER.substring(0, 10), owner(parts[0], queue.id()), "util-linux ipcs, as a reference");
        assertEquals(NSS_ONLY_USER.substring(0, 10), owner(parts[1], queue.id()), "ipcs, cut to 10 columns as ipcs does");
        JsonNode listed = byId(new ObjectMapper().readTree(parts[2]).get("messageQueues"), queue.id());
        assertEquals(NSS_ONLY_USER, listed.get("owner").textValue());
        assertEquals(NSS_ONLY_GROUP, listed.get("group").textValue());
        JsonNode hugeGroups = byId(new ObjectMapper().readTree(parts[2]).get("messageQueues"), hugeGroupsQueue.id());
        assertEquals(NSS_ONLY_USER, hugeGroups.get("owner").textValue());
        assertTrue(hugeGroups.get("group").isNull(), "a group past the lookup's 1 MiB shows by number: " + hugeGroups);
        assertEquals(HUGE_GROUP_ID, hugeGroups.get("gid").intValue());
    }

    /** A group record with {@code members} member names of {@code nameLength} characters (few long ones parse fast). */
    private static String groupRecord(String name, int gid, int members, int nameLength) {
        StringBuilder record = new StringBuilder("{\"groupName\":\"" + name + "\",\"gid\":" + gid + ",\"members\":[");
        for (int i = 0; i < members; i++) {
            String member = "m" + "0".repeat(nameLength - 1 - Integer.toString(i).length()) + i;
            record.append(i == 0 ? "" : ",").append('"').append(member).append('"');
        }
        return record.append("]}").toString();
    }

    /** A userdb record file and the symbolic link by id that the lookup by id follows. */
    private static void writeRecord(Path dir, String file, String link, String json) throws IOException {
        Files.writeString(dir.resolve(file), json);
        Files.createSymbolicLink(dir.resolve(link), Path.of(file));
    }

    private static JsonNode byId(JsonNode array, int id) {
        for (JsonNode node : array) {
            if (node.get("id").intValue() == id) {
                return node;
            }
        }
        throw new AssertionError("no entry with id " + id + " in " + array);
    }

    /** The owner column of the ipcs table row with {@code id}. */
    private static String owner(String table, int id) {
        List<String> owners = table.lines().map(line -> line.trim().split("\\s+"))
                .filter(words -> words.length > 2 && words[0].startsWith("0x") && words[1].equals(Integer.toString(id)))
                .map(words -> words[2]).toList();
        assertEquals(1, owners.size(), () -> "one row for id " + id + " in\n" + table);
        return owners.getFirst();
    }

    /** What {@code getent DATABASE ID} says the name is: empty when it exits 2 (no such entry). */
    private static Optional<String> getent(String database, int id) {
        Cli result = Cli.exec(List.of("getent", database, Integer.toUnsignedString(id)));
        if (result.status() == 2) {
            return Optional.empty();
        }
        assertEquals(0, result.status(), result.err());
        return Optional.of(result.out().substring(0, result.out().indexOf(':')));
    }
}
