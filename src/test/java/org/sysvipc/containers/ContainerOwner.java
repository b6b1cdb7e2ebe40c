package org.sysvipc.containers;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The test JVM that made a container, as labels on it: the host it ran on, its pid namespace, pid
 * and start time. A container's owner has ended when, on this host and in this pid namespace, no
 * process has the pid, or the one that has it started at another time; for another host or
 * namespace this JVM cannot tell, so such containers are never called ended.
 *
 * @param host         the host name
 * @param pidNamespace the pid namespace, as {@code /proc/self/ns/pid} names it
 * @param pid          the JVM's pid
 * @param startMillis  when it started, in epoch milliseconds, or -1 if unknown
 */
record ContainerOwner(String host, String pidNamespace, long pid, long startMillis) {
    static final String HOST = Containers.LABEL + ".owner.host";
    static final String PID_NAMESPACE = Containers.LABEL + ".owner.pid-namespace";
    static final String PID = Containers.LABEL + ".owner.pid";
    static final String START = Containers.LABEL + ".owner.start-millis";

    private static final ContainerOwner CURRENT = of(ProcessHandle.current());

    /** This JVM. */
    static ContainerOwner current() {
        return CURRENT;
    }

    /** A process of this host and pid namespace. */
    static ContainerOwner of(ProcessHandle process) {
        return new ContainerOwner(hostName(), thisPidNamespace(), process.pid(), startMillis(process).orElse(-1L));
    }

    /** The owner a container's labels name, or empty if they name none (a container of an older run). */
    static Optional<ContainerOwner> of(Map<String, String> labels) {
        if (labels == null || !labels.keySet().containsAll(List.of(HOST, PID_NAMESPACE, PID, START))) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ContainerOwner(labels.get(HOST), labels.get(PID_NAMESPACE),
                    Long.parseLong(labels.get(PID)), Long.parseLong(labels.get(START))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The labels that name this owner. */
    Map<String, String> labels() {
        return Map.of(HOST, host, PID_NAMESPACE, pidNamespace, PID, Long.toString(pid), START, Long.toString(startMillis));
    }

    /** Whether this owner is known to have ended; false where this JVM cannot tell. */
    boolean ended() {
        ContainerOwner here = current();
        if (!host.equals(here.host()) || !pidNamespace.equals(here.pidNamespace())) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return true;
        }
        Optional<Long> start = startMillis(process.get());
        return startMillis >= 0 && start.isPresent() && start.get() != startMillis;
    }

    private static Optional<Long> startMillis(ProcessHandle process) {
        return process.info().startInstant().map(instant -> instant.toEpochMilli());
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String thisPidNamespace() {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "unknown";
        }
    }
}
