package org.sysvipc.tools.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report prints every count, reads back, and fails on every defect, each named. */
class SoakReportTest {
    private static final Tally CLEAN = new Tally(1000, Map.of("queue", 600L, "ring", 400L), 998, 0, 3, 0, 0, 1, 2,
            List.of());
    private static final CallCounts RESUMED = new CallCounts(50, 20, 18, 1, 1);
    private static final ChannelCounts CHANNELS = new ChannelCounts(4, 700, 2, 3, 1, 9);

    private static Map<CallKind, CallCounts> calls(CallCounts counts) {
        Map<CallKind, CallCounts> calls = new EnumMap<>(CallKind.class);
        for (CallKind kind : CallKind.values()) {
            calls.put(kind, counts);
        }
        return calls;
    }

    private static SoakReport report(Tally messages, long holdersKilled, long locksRecovered, long consumersKilled,
            Map<CallKind, CallCounts> calls, List<String> workerFailures) {
        return report(messages, holdersKilled, locksRecovered, consumersKilled, 2, CHANNELS, calls, workerFailures);
    }

    private static SoakReport report(Tally messages, long holdersKilled, long locksRecovered, long consumersKilled,
            long producersKilled, ChannelCounts channels, Map<CallKind, CallCounts> calls, List<String> workerFailures) {
        return new SoakReport(20.04, 10, 25, messages, consumersKilled, producersKilled, holdersKilled, locksRecovered,
                channels, Map.of("queue", 4L, "ring", 3L), 12, Map.of("queue", 0.95, "ring", 0.2), calls,
                List.of(64_000L, 4_100_000L, 812_300_000L), workerFailures);
    }

    @Test
    void aCleanRunPassesAndPrintsEveryCount() {
        SoakReport report = report(CLEAN, 5, 5, 7, calls(RESUMED), List.of());
        assertTrue(report.passed(), report.failures()::toString);
        ReportLines lines = ReportLines.parse(report.format());
        assertEquals("PASS", lines.value("result"));
        assertEquals(1000, lines.number("messages sent"));
        assertTrue(lines.value("messages sent").contains("queue 600, ring 400"), lines.value("messages sent"));
        assertEquals(998, lines.number("messages received"));
        assertEquals(0, lines.number("lost"));
        assertEquals(0, lines.number("duplicated"));
        assertEquals(0, lines.number("corrupted"));
        assertEquals(3, lines.number("held by killed"));
        assertTrue(lines.value("held by killed").contains("7 consumers killed"), lines.value("held by killed"));
        assertEquals(1, lines.number("unconfirmed sends"));
        assertEquals(5, lines.number("locks recovered"));
        assertEquals(7, lines.number("removals"));
        assertEquals(700, lines.number("channel"));
        assertTrue(lines.value("channel").contains("through 4 channels; 2 producers killed mid-stream, 2 abandoned records"
                + " skipped; 3 consumers replaced a killed one; 1 claim locks broken; 9 messages taken out"),
                lines.value("channel"));
        assertEquals(20, lines.number("interrupted channel receive"));
        assertTrue(lines.value("full").contains("queue 95%"), lines.value("full"));
        assertEquals(20, lines.number("interrupted semtimedop"));
        assertTrue(lines.value("interrupted msgsnd").contains("18 resumed, 1 ended by removal, 1 by a kill; 50 signals"),
                lines.value("interrupted msgsnd"));
        assertEquals("p50 64 µs, p99 4.1 ms, worst 812.3 ms", lines.value("latency"));
        assertTrue(lines.value("duration").startsWith("20.0 s"), lines.value("duration"));
        assertTrue(lines.all("failure").isEmpty());
    }

    @Test
    void eachDefectFailsTheRunAndIsNamed() {
        Tally defects = new Tally(1000, Map.of(), 995, 2, 1, 1, 3, 0, 0, List.of("lost: message 1/5"));
        SoakReport report = report(defects, 5, 4, 7, calls(RESUMED), List.of("worker process 9 ended by itself"));
        assertFalse(report.passed());
        ReportLines lines = ReportLines.parse(report.format());
        assertEquals("FAIL", lines.value("result"));
        assertEquals(List.of("2 messages lost", "1 message duplicated", "3 messages corrupted",
                "1 lock of a killed holder did not come back", "worker process 9 ended by itself"), lines.all("failure"));
        assertEquals(List.of("lost: message 1/5"), lines.all("example"));
    }

    @Test
    void aSignalledCallNotSeenToEndFailsTheRun() {
        Map<CallKind, CallCounts> calls = calls(RESUMED);
        calls.put(CallKind.MSGRCV, new CallCounts(50, 20, 17, 1, 1));
        SoakReport report = report(CLEAN, 5, 5, 7, calls, List.of());
        assertEquals(List.of("1 signalled msgrcv did not end"), report.failures());
    }

    @Test
    void aRunThatCausedNoFaultProvesNothingAndFails() {
        Map<CallKind, CallCounts> calls = calls(RESUMED);
        calls.put(CallKind.SEMOP, CallCounts.NONE);
        SoakReport report = new SoakReport(1, 10, 10, CLEAN, 0, 0, 0, 0, ChannelCounts.NONE, Map.of("queue", 0L), 0,
                Map.of(), calls, List.of(0L, 0L, 0L), List.of());
        assertEquals(List.of("not exercised: no blocked semop was interrupted and then completed",
                "not exercised: no lock holder was killed", "not exercised: no consumer was killed",
                "not exercised: no producer was killed mid-stream",
                "not exercised: the objects of queue were never removed"), report.failures());
    }

    @Test
    void aChannelThatSkippedMoreRecordsThanProducersWereKilledFailsTheRun() {
        ChannelCounts skippedTooMany = new ChannelCounts(4, 700, 3, 0, 0, 0);
        SoakReport report = report(CLEAN, 5, 5, 7, 2, skippedTooMany, calls(RESUMED), List.of());
        assertEquals(List.of("3 abandoned channel records, more than the 2 producers killed mid-stream"
                + " (each can leave only the one message it was sending)"), report.failures());
        assertTrue(report(CLEAN, 5, 5, 7, 3, skippedTooMany, calls(RESUMED), List.of()).passed());
    }
}
