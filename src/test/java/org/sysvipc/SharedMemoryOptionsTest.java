package org.sysvipc;

import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sysvipc.testing.ChildJvm;
import org.sysvipc.testing.IpcCleanup;

/**
 * What C can ask of a segment beyond its size: huge pages ({@code SHM_HUGETLB}), no reservation
 * ({@code SHM_NORESERVE}), and locking it in memory ({@code SHM_LOCK}, {@code SHM_UNLOCK}). Huge
 * pages are the machine's, not an IPC namespace's, so the tests check the kernel's answer against
 * what {@code /proc/meminfo} says is free rather than reserve any; the unprivileged cases run in a
 * child as uid 1000 under a chosen {@code RLIMIT_MEMLOCK}.
 */
class SharedMemoryOptionsTest {
    private static final int UNPRIVILEGED = 1000;

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    @Test
    void hugePagesAreGivenWhenFreeAndRefusedWithEnomemWhenNot() throws IOException {
        long hugePage = meminfo("Hugepagesize") * 1024;
        boolean free = meminfo("HugePages_Free") > 0;
        if (free) {
            SharedMemory memory = cleanup.add(SharedMemory.createPrivate(hugePage, SharedMemory.Option.HUGE_PAGES));
            try (SharedMemory.Attachment attachment = memory.attach()) {
                attachment.segment().set(JAVA_LONG, hugePage - 8, 42L);
                assertEquals(42L, attachment.segment().get(JAVA_LONG, hugePage - 8));
            }
            assertEquals(hugePage, memory.stat().size());
        } else {
            IpcException e = assertThrows(IpcException.class,
                    () -> cleanup.add(SharedMemory.createPrivate(hugePage, SharedMemory.Option.HUGE_PAGES)));
            assertEquals(Errno.ENOMEM, e.errno());
            assertEquals("shmget", e.call());
            assertTrue(e.getMessage().contains("not enough huge pages are free"), e.getMessage());
        }
    }

    @Test
    void hugePagesWithoutReservationAreCreatedWhetherFreeOrNot() throws IOException {
        long hugePage = meminfo("Hugepagesize") * 1024;
        // never attached or touched: with no huge page free, a touch would raise SIGBUS
        SharedMemory memory = cleanup.add(SharedMemory.createPrivate(hugePage + 1,
                SharedMemory.Option.HUGE_PAGES, SharedMemory.Option.NO_RESERVE));
        assertEquals(hugePage + 1, memory.stat().size());
    }

    @Test
    void hugePagesAreRefusedToAnUnprivilegedUserWithEperm() throws IOException {
        long group = Long.parseLong(Files.readString(Path.of("/proc/sys/vm/hugetlb_shm_group")).strip());
        String out = ChildJvm.runAs(UNPRIVILEGED, UNPRIVILEGED, SharedMemoryOptionsChild.class, "huge",
                Long.toString(meminfo("Hugepagesize") * 1024));
        assertEquals(group == UNPRIVILEGED ? "huge pages ok" : "huge pages IpcPermissionDeniedException EPERM",
                out.strip());
    }

    @Test
    void noReserveAloneMakesAnOrdinarySegment() {
        SharedMemory memory = cleanup.add(SharedMemory.createPrivate(4096, SharedMemory.Option.NO_RESERVE));
        try (SharedMemory.Attachment attachment = memory.attach()) {
            attachment.segment().set(JAVA_LONG, 0, 7L);
            assertEquals(7L, attachment.segment().get(JAVA_LONG, 0));
        }
    }

    @Test
    void lockingInMemoryShowsInTheStatUntilUnlocked() {
        SharedMemory memory = cleanup.add(SharedMemory.createPrivate(1 << 20));
        assertFalse(memory.stat().lockedInMemory());
        memory.lockInMemory();
        assertTrue(memory.stat().lockedInMemory());
        assertTrue((memory.stat().permissions().mode() & 02000) != 0, "SHM_LOCKED is the mode's bit 02000");
        memory.lockInMemory(); // again: nothing changes
        memory.unlockInMemory();
        assertFalse(memory.stat().lockedInMemory());
        memory.remove();
        assertThrows(IpcRemovedException.class, memory::lockInMemory);
    }

    @Test
    void anUnprivilegedOwnerLocksWithinItsLimitAndIsRefusedBeyondIt() {
        // RLIMIT_MEMLOCK of 64 KiB: a 16 KiB segment fits, a 1 MiB one does not (ENOMEM)
        assertEquals(List.of("locked true, unlocked true, lock small ok", "lock large IpcException ENOMEM"),
                runUnprivileged(64 * 1024, "own", "16384", "1048576"));
        // RLIMIT_MEMLOCK of 0: no lock at all (EPERM)
        assertEquals(List.of("lock small IpcPermissionDeniedException EPERM",
                        "lock large IpcPermissionDeniedException EPERM"),
                runUnprivileged(0, "own", "16384", "1048576"));
    }

    @Test
    void anotherUsersSegmentCannotBeLocked() {
        SharedMemory memory = cleanup.add(SharedMemory.createPrivate(4096));
        memory.setPermissions(0, 0, 0666);
        assertEquals(List.of("lock foreign IpcPermissionDeniedException EPERM"),
                runUnprivileged(64 * 1024, "foreign", Integer.toString(memory.id())));
        assertFalse(memory.stat().lockedInMemory());
    }

    private static List<String> runUnprivileged(long memlock, String... args) {
        List<String> prefix = List.of("prlimit", "--memlock=" + memlock + ":" + memlock, "setpriv",
                "--reuid=" + UNPRIVILEGED, "--regid=" + UNPRIVILEGED, "--clear-groups");
        return ChildJvm.await(ChildJvm.startWithPrefix(prefix, SharedMemoryOptionsChild.class, args)).lines().toList();
    }

    /** A field of {@code /proc/meminfo}, in its own unit (kB for sizes). */
    private static long meminfo(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").strip());
            }
        }
        throw new AssertionError("no " + field + " in /proc/meminfo");
    }
}
