package org.sysvipc.tools.soak;

import java.util.List;
import java.util.Map;

/**
 * The settled message accounts of a run, from {@link Accounting#tally()}. Always
 * {@code received == sent - lost - heldByKilledConsumers - (corrupted confirmed messages) + unconfirmedReceived}.
 *
 * @param sent                   messages producers confirmed the lanes accepted
 * @param sentByLane             of those, how many each lane accepted
 * @param received               distinct sent messages some consumer (or the soak, draining a lane it removed) logged
 * @param lost                   sent messages nobody logged intact and no killed consumer held
 * @param heldByKilledConsumers  sent messages nobody logged because the consumer holding them was killed
 * @param duplicated             receipts of a message logged before
 * @param corrupted              receipts that failed their checks, or name a message never sent
 * @param unconfirmedReceived    messages of producers killed mid-send, accepted though unconfirmed, and received
 * @param unconfirmedNotReceived messages of producers killed mid-send that never arrived, so were not accepted
 * @param examples               a few of the defects, named
 */
record Tally(long sent, Map<String, Long> sentByLane, long received, long lost, long heldByKilledConsumers, long duplicated, long corrupted,
             long unconfirmedReceived, long unconfirmedNotReceived, List<String> examples) {
    Tally {
        sentByLane = Map.copyOf(sentByLane);
        examples = List.copyOf(examples);
    }
}
