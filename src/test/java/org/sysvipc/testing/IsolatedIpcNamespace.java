package org.sysvipc.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Runs a class's {@code main} in a child JVM inside a fresh IPC namespace ({@code unshare --ipc},
 * which needs root) whose limits are first set through {@code /proc/sys/kernel}. The limits are
 * per namespace, so setting them there leaves the host's alone, and every object the child creates
 * vanishes with the namespace when the child ends.
 */
public final class IsolatedIpcNamespace {
    private static final Pattern NAME = Pattern.compile("[a-z_]+");
    private static volatile boolean checked;

    private IsolatedIpcNamespace() {
    }

    /**
     * Sets {@code sysctls} (name under {@code /proc/sys/kernel} to value, written in map order) in
     * a new IPC namespace, runs {@code main} there to its end and returns its stdout; fails if a
     * value cannot be written or the child does not exit 0 within 60 s.
     */
    public static String run(Map<String, String> sysctls, Class<?> main, String... args) {
        requireUnshare();
        // The values travel as positional parameters, so the script never quotes them.
        StringBuilder script = new StringBuilder("set -e; ");
        List<String> prefix = new ArrayList<>(List.of("unshare", "--ipc", "sh", "-c", "", "sh"));
        sysctls.forEach((name, value) -> {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("not a sysctl name: " + name);
            }
            script.append("printf '%s\\n' \"$1\" > /proc/sys/kernel/").append(name).append("; shift; ");
            prefix.add(value);
        });
        script.append("exec \"$@\"");
        prefix.set(4, script.toString());
        return ChildJvm.await(ChildJvm.startWithPrefix(prefix, main, args));
    }

    /** Fails with a clear message unless this user may create an IPC namespace. */
    private static void requireUnshare() {
        if (checked) {
            return;
        }
        String why;
        try {
            Process probe = new ProcessBuilder("unshare", "--ipc", "true").redirectErrorStream(true).start();
            String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            why = probe.waitFor() == 0 ? null : "it failed: " + out;
        } catch (IOException e) {
            why = "it could not be started: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        if (why != null) {
            throw new AssertionError("these tests need util-linux 'unshare --ipc', which needs root"
                    + " (CAP_SYS_ADMIN), to get an IPC namespace of their own; " + why);
        }
        checked = true;
    }
}
