package org.sysvipc.containers;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs the JUnit test classes named by its arguments, in this JVM, and prints one line per test
 * (its status, {@code class#method(...)} and how long it took) and a summary line that {@link Arm64Container.JUnitRun} reads. {@link Arm64Container} starts it in
 * the emulated arm64 container: a main of its own rather than JUnit's console launcher, whose
 * command-line parsing alone costs seconds of emulated CPU. An argument {@code --exclude-tag=TAG}
 * leaves out the tests tagged TAG ({@link org.sysvipc.testing.Requires}), each named on an
 * {@link #EXCLUDED} line with its tags.
 *
 * <p>Exit status 0 when at least one test ran and every test that was not excluded passed, 1 otherwise.
 */
final class EmulatedTestRunner {
    /** The prefix of the summary line. */
    static final String SUMMARY = "summary:";
    /** The prefix of the line that names an excluded test. */
    static final String EXCLUDED = "EXCLUDED ";
    /** The argument that excludes a tag. */
    static final String EXCLUDE_TAG = "--exclude-tag=";

    private EmulatedTestRunner() {
    }

    public static void main(String[] args) throws ClassNotFoundException {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        List<String> testClasses = new ArrayList<>();
        Set<String> excludedTags = new LinkedHashSet<>();
        for (String arg : args) {
            if (arg.startsWith(EXCLUDE_TAG)) {
                excludedTags.add(arg.substring(EXCLUDE_TAG.length()));
            } else {
                testClasses.add(arg);
            }
        }
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request();
        for (String name : testClasses) {
            request.selectors(selectClass(Class.forName(name)));
        }
        Launcher launcher = LauncherFactory.create();
        long excluded = 0;
        if (!excludedTags.isEmpty()) {
            excluded = printExcluded(launcher.discover(request.build()), excludedTags, out);
            request.filters(TagFilter.excludeTags(List.copyOf(excludedTags)));
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
        launcher.execute(discovery, summary, lines);
        TestExecutionSummary totals = summary.getSummary();
        totals.printFailuresTo(new java.io.PrintWriter(out, true), 50);
        out.println(SUMMARY + " found=" + totals.getTestsFoundCount() + " successful=" + totals.getTestsSucceededCount()
                + " failed=" + totals.getTotalFailureCount() + " skipped=" + totals.getTestsSkippedCount()
                + " aborted=" + totals.getTestsAbortedCount() + " excluded=" + excluded);
        boolean passed = totals.getTestsFoundCount() > 0 && totals.getTotalFailureCount() == 0
                && totals.getTestsSucceededCount() == totals.getTestsFoundCount();
        System.exit(passed ? 0 : 1);
    }

    /** Prints an {@link #EXCLUDED} line for each test (or container) of {@code plan} with one of {@code tags}; returns their number. */
    private static long printExcluded(TestPlan plan, Set<String> tags, PrintStream out) {
        List<TestIdentifier> pending = new ArrayList<>(plan.getRoots());
        long excluded = 0;
        while (!pending.isEmpty()) {
            TestIdentifier test = pending.removeLast();
            List<String> matching = test.getTags().stream().map(TestTag::getName).filter(tags::contains).toList();
            if (!matching.isEmpty()) {
                out.println(EXCLUDED + name(test) + ": " + String.join(", ", matching));
                excluded++;
            } else {
                pending.addAll(plan.getChildren(test));
            }
        }
        return excluded;
    }

    /** {@code class#method} for a test method, else JUnit's display name. */
    private static String name(TestIdentifier test) {
        return test.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                .map(method -> method.getClassName() + "#" + method.getMethodName() + test.getDisplayName()
                        .replaceFirst("^[^(\\[]*", ""))
                .orElse(test.getDisplayName());
    }
}
