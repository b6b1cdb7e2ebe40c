package org.sysvipc.tools.soak;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.sysvipc.tools.soak.Observations.Count;

/**
 * What a soak run survived, as it prints it: one {@code label  value} line each, the label
 * padded to a column. It fails if anything was lost, duplicated or corrupted, if a killed holder's
 * lock did not come back, if a channel skipped more records than producers were killed, if a worker failed or a signalled call was not seen to end, or if a
 * fault it exists to cause did not happen at all (it then proves nothing).
 *
 * @param seconds        how long the faults went on
 * @param workers        workers at a time
 * @param workersStarted workers started, replacements included
 * @param messages       the message accounts
 * @param consumersKilled consumers killed, lock holders or not
 * @param producersKilled producers killed mid-stream (lock holders aside)
 * @param holdersKilled  workers killed while they held a lane's lock
 * @param locksRecovered of those, the locks that came back
 * @param channels       what the channel lane's channels counted
 * @param removals       per lane, how often its objects were removed and recreated
 * @param wokenByRemoval blocked calls that ended because their object was removed
 * @param fullShares     per lane, the share of samples in which it was full
 * @param calls          per blocking call, what the signals did
 * @param latencyNanos   the median, 99th percentile (as bucket bounds) and worst latency
 * @param workerFailures what went wrong in the soak's own machinery, such as a worker that failed
 */
record SoakReport(double seconds, int workers, long workersStarted, Tally messages, long consumersKilled,
                  long producersKilled, long holdersKilled, long locksRecovered, ChannelCounts channels,
                  Map<String, Long> removals, long wokenByRemoval,
                  Map<String, Double> fullShares, Map<CallKind, CallCounts> calls, List<Long> latencyNanos,
                  List<String> workerFailures) {
    private static final String LINE = "%-28s %s%n";

    SoakReport {
        removals = Map.copyOf(removals);
        fullShares = Map.copyOf(fullShares);
        calls = Map.copyOf(calls);
        latencyNanos = List.copyOf(latencyNanos);
        workerFailures = List.copyOf(workerFailures);
    }

    /** {@return the report of a run: {@code messages} settled, the rest as {@code seen}} */
    static SoakReport of(double seconds, int workers, List<String> lanes, Tally messages, Observations seen) {
        Map<CallKind, CallCounts> calls = new EnumMap<>(CallKind.class);
        for (CallKind kind : CallKind.values()) {
            calls.put(kind, seen.calls(kind));
        }
        Map<String, Long> removals = new HashMap<>();
        for (String lane : lanes) {
            removals.put(lane, seen.removals().getOrDefault(lane, 0L));
        }
        return new SoakReport(seconds, workers, seen.count(Count.WORKERS_STARTED), messages,
                seen.count(Count.CONSUMERS_KILLED), seen.count(Count.PRODUCERS_KILLED), seen.count(Count.HOLDERS_KILLED),
                seen.count(Count.LOCKS_RECOVERED), seen.channels(), removals, seen.count(Count.WOKEN_BY_REMOVAL), seen.fullShares(), calls,
                List.of(seen.latencyNanos(0.5), seen.latencyNanos(0.99), seen.latencyNanos(1)), seen.failures());
    }

    /** {@return what makes the run fail, none if it passed} */
    List<String> failures() {
        List<String> failures = new ArrayList<>();
        count(failures, messages.lost(), "message lost", "messages lost");
        count(failures, messages.duplicated(), "message duplicated", "messages duplicated");
        count(failures, messages.corrupted(), "message corrupted", "messages corrupted");
        count(failures, holdersKilled - locksRecovered, "lock of a killed holder did not come back",
                "locks of killed holders did not come back");
        if (channels.abandonedRecords() > producersKilled) {
            failures.add(String.format(Locale.ROOT, "%,d abandoned channel records, more than the %,d producers killed"
                    + " mid-stream (each can leave only the one message it was sending)", channels.abandonedRecords(),
                    producersKilled));
        }
        failures.addAll(workerFailures);
        for (CallKind kind : CallKind.values()) {
            CallCounts counts = calls.get(kind);
            count(failures, counts.unaccounted(), "signalled " + kind.call() + " did not end",
                    "signalled " + kind.call() + " calls did not end");
            if (counts.resumed() == 0) {
                failures.add("not exercised: no blocked " + kind.call() + " was interrupted and then completed");
            }
        }
        if (holdersKilled == 0) {
            failures.add("not exercised: no lock holder was killed");
        }
        if (consumersKilled == 0) {
            failures.add("not exercised: no consumer was killed");
        }
        if (producersKilled == 0) {
            failures.add("not exercised: no producer was killed mid-stream");
        }
        removals.forEach((lane, times) -> {
            if (times == 0) {
                failures.add("not exercised: the objects of " + lane + " were never removed");
            }
        });
        return failures;
    }

    boolean passed() {
        return failures().isEmpty();
    }

    /** {@return the report as the soak prints it} */
    String format() {
        StringBuilder out = new StringBuilder("== soak report ==\n");
        line(out, "duration", String.format(Locale.ROOT, "%.1f s of faults; %d workers at a time, %,d started",
                seconds, workers, workersStarted));
        line(out, "messages sent", String.format(Locale.ROOT, "%,d: %s; each with an id and a CRC-32C checksum",
                messages.sent(), perLane(messages.sentByLane(), "%,d")));
        line(out, "messages received", String.format(Locale.ROOT, "%,d", messages.received()));
        line(out, "lost", String.format(Locale.ROOT, "%,d", messages.lost()));
        line(out, "duplicated", String.format(Locale.ROOT, "%,d", messages.duplicated()));
        line(out, "corrupted", String.format(Locale.ROOT, "%,d", messages.corrupted()));
        line(out, "held by killed", String.format(Locale.ROOT,
                "%,d messages taken by consumers killed before they logged them; %,d consumers killed, each holding at most 1",
                messages.heldByKilledConsumers(), consumersKilled));
        line(out, "unconfirmed sends", String.format(Locale.ROOT,
                "%,d received, %,d never accepted, of producers killed mid-send (not counted as sent)",
                messages.unconfirmedReceived(), messages.unconfirmedNotReceived()));
        line(out, "locks recovered", String.format(Locale.ROOT, "%,d of %,d holders killed with SIGKILL (SEM_UNDO)",
                locksRecovered, holdersKilled));
        line(out, "channel", String.format(Locale.ROOT, "%,d messages through %,d channels; %,d producers killed"
                + " mid-stream, %,d abandoned records skipped; %,d consumers replaced a killed one; %,d claim locks broken;"
                + " %,d messages taken out of removed channels", channels.messagesSent(), channels.channels(),
                producersKilled, channels.abandonedRecords(), channels.takeovers(), channels.lockBreaks(),
                channels.drained()));
        line(out, "removals", String.format(Locale.ROOT, "%,d: %s; %,d blocked calls woken by them",
                removals.values().stream().mapToLong(Long::longValue).sum(), perLane(removals, "%,d"), wokenByRemoval));
        line(out, "full", perLane(fullShares.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> e.getValue() * 100)), "%.0f%%") + " of samples");
        for (CallKind kind : CallKind.values()) {
            CallCounts c = calls.get(kind);
            line(out, "interrupted " + kind.call(), String.format(Locale.ROOT,
                    "%,d calls, %,d resumed, %,d ended by removal, %,d by a kill; %,d signals to blocked calls",
                    c.signalledCalls(), c.resumed(), c.endedByRemoval(), c.endedByKill(), c.signals()));
        }
        line(out, "latency", "p50 " + duration(latencyNanos.get(0)) + ", p99 " + duration(latencyNanos.get(1))
                + ", worst " + duration(latencyNanos.get(2)));
        List<String> failures = failures();
        line(out, "result", failures.isEmpty() ? "PASS" : "FAIL");
        failures.forEach(failure -> line(out, "failure", failure));
        messages.examples().forEach(example -> line(out, "example", example));
        return out.toString();
    }

    private static void count(List<String> failures, long count, String one, String many) {
        if (count != 0) {
            failures.add(String.format(Locale.ROOT, "%,d %s", count, count == 1 ? one : many));
        }
    }

    private static <T> String perLane(Map<String, T> values, String format) {
        return values.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " " + String.format(Locale.ROOT, format, e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static String duration(long nanos) {
        if (nanos < 1_000_000) {
            return String.format(Locale.ROOT, "%.0f µs", nanos / 1e3);
        }
        return nanos < 1_000_000_000 ? String.format(Locale.ROOT, "%.1f ms", nanos / 1e6)
                : String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append(String.format(Locale.ROOT, LINE, label, value));
    }
}
