package org.sysvipc.tools.soak;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the soak saw besides the messages themselves: signals and how the calls they hit ended,
 * kills, locks recovered, removals, how full the lanes were, the channels' counters, latencies,
 * and failures. The
 * signaller, the chaos and the workers' harvest all add to it. Thread-safe.
 */
final class Observations {
    private final Map<CallKind, CallCounts> calls = new EnumMap<>(CallKind.class);
    private final Map<String, Long> removals = new LinkedHashMap<>();
    private final Map<String, long[]> fullSamples = new LinkedHashMap<>();
    private final LatencyHistogram latency = LatencyHistogram.onHeap();
    private final List<String> failures = new ArrayList<>();
    private final long[] counts = new long[Count.values().length];
    private ChannelCounts channels = ChannelCounts.NONE;

    /** What the soak counts one by one. */
    enum Count {
        /** Workers started, replacements included. */
        WORKERS_STARTED,
        /** Workers killed while they held a lane's lock. */
        HOLDERS_KILLED,
        /** Of those, the locks that came back. */
        LOCKS_RECOVERED,
        /** Consumers killed, lock holders or not. */
        CONSUMERS_KILLED,
        /** Producers killed mid-stream, not for holding a lock. */
        PRODUCERS_KILLED,
        /** Blocked calls that ended because their object was removed. */
        WOKEN_BY_REMOVAL,
        /** Locks the workers took. */
        LOCKS_TAKEN
    }

    synchronized void add(CallKind kind, CallCounts counts) {
        calls.merge(kind, counts, CallCounts::plus);
    }

    synchronized void workerStarted() {
        counts[Count.WORKERS_STARTED.ordinal()]++;
    }

    /** A worker killed while it held a lane's lock; {@code recovered} whether the lock came back. */
    synchronized void holderKilled(boolean recovered) {
        counts[Count.HOLDERS_KILLED.ordinal()]++;
        if (recovered) {
            counts[Count.LOCKS_RECOVERED.ordinal()]++;
        }
    }

    synchronized void consumerKilled() {
        counts[Count.CONSUMERS_KILLED.ordinal()]++;
    }

    synchronized void producerKilled() {
        counts[Count.PRODUCERS_KILLED.ordinal()]++;
    }

    /** Adds the counters of a channel the soak removed. */
    synchronized void channelRemoved(ChannelCounts counted) {
        channels = channels.plus(counted);
    }

    synchronized ChannelCounts channels() {
        return channels;
    }

    synchronized void removed(String lane) {
        removals.merge(lane, 1L, Long::sum);
    }

    /** A sample of whether {@code lane} was full. */
    synchronized void sampled(String lane, boolean full) {
        long[] counts = fullSamples.computeIfAbsent(lane, name -> new long[2]);
        counts[0] += full ? 1 : 0;
        counts[1]++;
    }

    /** Adds what an ended worker counted in its slot. */
    synchronized void harvested(long woken, long locks, LatencyHistogram latencies) {
        counts[Count.WOKEN_BY_REMOVAL.ordinal()] += woken;
        counts[Count.LOCKS_TAKEN.ordinal()] += locks;
        latency.addAll(latencies);
    }

    /** Records a latency the soak measured itself, of a message it drained from a lane. */
    synchronized void latency(long nanos) {
        latency.record(nanos);
    }

    synchronized void failure(String what) {
        failures.add(what);
    }

    synchronized CallCounts calls(CallKind kind) {
        return calls.getOrDefault(kind, CallCounts.NONE);
    }

    synchronized Map<String, Long> removals() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(removals));
    }

    /** {@return per lane, the share of samples in which it was full} */
    synchronized Map<String, Double> fullShares() {
        Map<String, Double> shares = new LinkedHashMap<>();
        fullSamples.forEach((lane, counts) -> shares.put(lane, counts[1] == 0 ? 0 : (double) counts[0] / counts[1]));
        return shares;
    }

    synchronized long count(Count count) {
        return counts[count.ordinal()];
    }

    /** {@return the latency at the {@code fraction} quantile (as its bucket's upper bound), or the worst for 1} */
    synchronized long latencyNanos(double fraction) {
        return fraction >= 1 ? latency.worstNanos() : latency.upperBoundNanos(fraction);
    }

    synchronized List<String> failures() {
        return List.copyOf(failures);
    }
}
