package org.sysvipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sysvipc.testing.IsolatedIpcNamespace;

/**
 * The failure paths that only the kernel's limits provoke. The limits are global to an IPC
 * namespace, so one child JVM runs every scenario in a namespace of its own with small limits
 * (see {@link KernelLimitsChild}); the host's limits and objects are never touched. Each test
 * checks the lines its scenarios printed.
 */
class KernelLimitsTest {
    /** The namespace's limits; every group of {@link KernelLimitsChild} relies on them. */
    static final Map<String, String> SYSCTLS = sysctls();
    private static final IpcLimits EXPECTED = new IpcLimits(100, 200, 2, 65536, 8, 1, 5, 7, 3, 2);

    private static IpcLimits hostBefore;
    private static Map<String, String> outcomes;

    private static Map<String, String> sysctls() {
        Map<String, String> sysctls = new LinkedHashMap<>();
        sysctls.put("msgmax", "100");
        sysctls.put("msgmnb", "200");
        sysctls.put("msgmni", "2");
        sysctls.put("shmmax", "65536");
        sysctls.put("shmall", "8"); // pages: 32768 bytes with the 4 KiB pages of x86-64
        sysctls.put("shmmni", "1");
        sysctls.put("sem", "5 7 3 2"); // semmsl semmns semopm semmni
        return sysctls;
    }

    @BeforeAll
    static void runScenariosInANamespaceOfTheirOwn() {
        hostBefore = IpcLimits.current();
        String out = IsolatedIpcNamespace.run(SYSCTLS, KernelLimitsChild.class,
                "limits", "messages", "semaphores", "sharedMemory");
        outcomes = new HashMap<>();
        for (String line : out.split("\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                outcomes.put(line.substring(0, colon), line.substring(colon + 2));
            }
        }
    }

    @Test
    void ipcInfoReportsEveryLimitTheNamespaceSets() {
        assertEquals("ok " + String.join(" ", SYSCTLS.values()), outcome("sysctls"),
                "the namespace's sysctl files should hold what was written");
        assertEquals("ok " + EXPECTED, outcome("limits"));
    }

    @Test
    void theHostsLimitsAreUntouched() {
        assertEquals(hostBefore, IpcLimits.current());
        assertNotEquals(EXPECTED.msgmni(), hostBefore.msgmni(), "the host should not have the namespace's limits");
    }

    @Test
    void aQueueBeyondMsgmniIsALimitReached() {
        assertThrew("msgmni.third", IpcLimitReachedException.class, "ENOSPC", "msgget");
        assertTrue(outcome("msgmni.afterRemove").startsWith("ok "),
                "removing a queue should make room for another: " + outcome("msgmni.afterRemove"));
    }

    @Test
    void aMessageAboveMsgmaxIsTooLargeAndNamesMsgmax() {
        assertEquals("ok sent 100", outcome("msgmax.sendAtLimit"));
        String above = assertThrew("msgmax.sendAboveLimit", IpcTooLargeException.class, "EINVAL", "msgsnd");
        assertTrue(above.contains("msgmax"), above);
        assertTrue(above.contains("101 bytes"), above);
    }

    @Test
    void aNewQueueHoldsMsgmnbBytes() {
        assertEquals("ok 200", outcome("msgmnb.newQueueMaxBytes"));
        assertEquals("ok sent 100", outcome("msgmnb.sendToCapacity"));
        assertEquals("ok false", outcome("msgmnb.trySendAboveCapacity"), "a full queue should refuse one more byte");
    }

    @Test
    void aSetAboveSemmslIsAnInvalidArgument() {
        assertThrew("semmsl.above", IpcInvalidArgumentException.class, "EINVAL", "semget");
    }

    @Test
    void semaphoresBeyondSemmnsAreALimitReached() {
        assertThrew("semmns.above", IpcLimitReachedException.class, "ENOSPC", "semget");
    }

    @Test
    void aSetBeyondSemmniIsALimitReached() {
        assertThrew("semmni.third", IpcLimitReachedException.class, "ENOSPC", "semget");
    }

    @Test
    void moreOperationsThanSemopmAreTooLarge() {
        assertEquals("ok 3", outcome("semopm.atLimit"));
        assertThrew("semopm.above", IpcTooLargeException.class, "E2BIG", "semop");
    }

    @Test
    void aSegmentAboveShmmaxIsAnInvalidArgument() {
        assertThrew("shmmax.above", IpcInvalidArgumentException.class, "EINVAL", "shmget");
    }

    @Test
    void pagesBeyondShmallAreALimitReached() {
        assertThrew("shmall.above", IpcLimitReachedException.class, "ENOSPC", "shmget");
        assertEquals("ok true", outcome("shmall.atLimit"), "a segment of exactly shmall pages should fit");
    }

    @Test
    void aSegmentBeyondShmmniIsALimitReached() {
        assertThrew("shmmni.second", IpcLimitReachedException.class, "ENOSPC", "shmget");
    }

    private static String outcome(String scenario) {
        String outcome = outcomes.get(scenario);
        assertNotNull(outcome, "the child printed no line for " + scenario + "; it printed " + outcomes);
        return outcome;
    }

    /** Asserts the scenario threw {@code type} with {@code errno} from {@code call}; returns the message. */
    private static String assertThrew(String scenario, Class<? extends IpcException> type, String errno, String call) {
        String outcome = outcome(scenario);
        String expected = type.getSimpleName() + " " + errno + " " + call + " failed for ";
        assertTrue(outcome.startsWith(expected), scenario + ": expected " + expected + "..., was " + outcome);
        return outcome.substring(type.getSimpleName().length() + errno.length() + 2);
    }
}
