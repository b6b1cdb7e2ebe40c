package org.sysvipc.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What ChildJvmTest runs in child JVMs: one role a run. */
public final class ChildJvmProbe {
    private ChildJvmProbe() {
    }

    /**
     * Runs a role.
     *
     * @param args {@code uid} (prints the effective uid), {@code fail} (writes to both streams and
     *             exits 3), or {@code run-as UID} (runs {@code uid} as that user through ChildJvm and
     *             prints what it printed)
     */
    public static void main(String[] args) throws IOException {
        switch (args[0]) {
            case "uid" -> System.out.println("uid " + effectiveUid());
            case "fail" -> {
                System.out.println("a line on stdout");
                System.err.println("the reason, on stderr");
                System.exit(3);
            }
            case "run-as" -> {
                int uid = Integer.parseInt(args[1]);
                System.out.print(ChildJvm.runAs(uid, uid, ChildJvmProbe.class, "uid"));
            }
            default -> throw new IllegalArgumentException("no role " + args[0]);
        }
    }

    private static String effectiveUid() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("Uid:")) {
                return line.split("\\s+")[2];
            }
        }
        throw new IllegalStateException("/proc/self/status has no Uid line");
    }
}
