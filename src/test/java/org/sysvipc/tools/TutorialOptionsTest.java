package org.sysvipc.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sysvipc.tools.Main.UsageException;

class TutorialOptionsTest {
    @Test
    void defaultsToEightProcessesOfAHundredThousandIncrements() {
        assertEquals(new TutorialOptions(8, 100_000, false), TutorialOptions.parse(List.of()));
    }

    @Test
    void readsOptionsWithSeparateOrAttachedValues() {
        assertEquals(new TutorialOptions(3, 2000, true),
                TutorialOptions.parse(List.of("--processes", "3", "--increments=2_000", "--verbose")));
        assertEquals(new TutorialOptions(1, 1_000_000, false),
                TutorialOptions.parse(List.of("--processes=1", "--increments", "1,000,000")));
    }

    @Test
    void refusesValuesOutOfRangeAndUnknownOptions() {
        for (List<String> args : List.of(List.of("--processes", "0"), List.of("--processes", "65"),
                List.of("--increments", "0"), List.of("--increments", "-5"), List.of("--processes"),
                List.of("--processes", "x"), List.of("--processes", "64", "--increments", "100000000"),
                List.of("--quiet"), List.of("extra"))) {
            assertThrows(UsageException.class, () -> TutorialOptions.parse(args), args::toString);
        }
    }
}
