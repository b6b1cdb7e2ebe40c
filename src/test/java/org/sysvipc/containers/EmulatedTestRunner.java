package org.sysvipc.containers;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs the JUnit test classes named by its arguments, in this JVM, and prints one line per test
 * (its status, {@code class#method(...)} and how long it took) and a summary line that {@link Arm64Container.JUnitRun} reads. {@link Arm64Container} starts it in
 * the emulated arm64 container: a main of its own rather than JUnit's console launcher, whose
 * command-line parsing alone costs seconds of emulated CPU.
 *
 * <p>Exit status 0 when at least one test ran and every test passed, 1 otherwise.
 */
final class EmulatedTestRunner {
    /** The prefix of the summary line. */
    static final String SUMMARY = "summary:";

    private EmulatedTestRunner() {
    }

    public static void main(String[] testClasses) throws ClassNotFoundException {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request();
        for (String name : testClasses) {
            request.selectors(selectClass(Class.forName(name)));
        }
        LauncherDiscoveryRequest discovery = request.build();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        TestExecutionListener lines = new TestExecutionListener() {
            private final Map<String, Long> started = new ConcurrentHashMap<>();

            @Override
            public void executionStarted(TestIdentifier test) {
                started.put(test.getUniqueId(), System.nanoTime());
            }

            @Override
            public void executionSkipped(TestIdentifier test, String reason) {
                out.println("SKIPPED " + name(test) + ": " + reason);
            }

            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (test.isTest() || result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                    long nanos = System.nanoTime() - started.getOrDefault(test.getUniqueId(), System.nanoTime());
                    out.printf("%s %s %.3f s%n", result.getStatus(), name(test), nanos / 1e9);
                }
            }
        };
        LauncherFactory.create().execute(discovery, summary, lines);
        TestExecutionSummary totals = summary.getSummary();
        totals.printFailuresTo(new java.io.PrintWriter(out, true), 50);
        out.println(SUMMARY + " found=" + totals.getTestsFoundCount() + " successful=" + totals.getTestsSucceededCount()
                + " failed=" + totals.getTotalFailureCount() + " skipped=" + totals.getTestsSkippedCount()
                + " aborted=" + totals.getTestsAbortedCount());
        boolean passed = totals.getTestsFoundCount() > 0 && totals.getTotalFailureCount() == 0
                && totals.getTestsSucceededCount() == totals.getTestsFoundCount();
        System.exit(passed ? 0 : 1);
    }

    /** {@code class#method} for a test method, else JUnit's display name. */
    private static String name(TestIdentifier test) {
        return test.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                .map(method -> method.getClassName() + "#" + method.getMethodName() + test.getDisplayName()
                        .replaceFirst("^[^(\\[]*", ""))
                .orElse(test.getDisplayName());
    }
}
