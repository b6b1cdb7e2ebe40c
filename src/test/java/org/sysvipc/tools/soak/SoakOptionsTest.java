package org.sysvipc.tools.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sysvipc.tools.Main.UsageException;

/** The soak's command line, the workers' and the janitor's. */
class SoakOptionsTest {
    @Test
    void secondsVerboseAndInjectionsAreRead() {
        assertEquals(new SoakOptions(SoakOptions.DEFAULT_SECONDS, false, Set.of()), SoakOptions.parse(List.of()));
        assertEquals(new SoakOptions(20, true, Set.of()), SoakOptions.parse(List.of("--seconds", "20", "--verbose")));
        assertEquals(new SoakOptions(600, false, Set.of(Injection.LOSS, Injection.CORRUPTION)),
                SoakOptions.parse(List.of("--seconds=600", "--inject=loss,corruption")));
    }

    @Test
    void badOptionsAreUsageErrors() {
        for (List<String> args : List.of(List.of("--seconds"), List.of("--seconds", "0"), List.of("--seconds", "x"),
                List.of("--seconds", "99999999"), List.of("--inject", "fire"), List.of("--fast"), List.of("20"))) {
            assertThrows(UsageException.class, () -> SoakOptions.parse(args), args::toString);
        }
    }

    @Test
    void aWorkersLaunchSurvivesItsCommandLine() {
        WorkerLaunch launch = new WorkerLaunch(5, 3, WorkerSpec.pacedProducer(4, 2000), 17, Injection.CORRUPTION,
                "ring", List.of("123", "-456"));
        assertEquals(launch, WorkerLaunch.parse(launch.toArguments()));
        WorkerLaunch consumer = new WorkerLaunch(5, 0, WorkerSpec.consumer(100, true), 0, Injection.NONE, "queue",
                List.of("1"));
        assertEquals(consumer, WorkerLaunch.parse(consumer.toArguments()));
    }

    @Test
    void aLaunchThatMakesNoSenseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> WorkerLaunch.parse(List.of("1", "2")));
        assertThrows(IllegalArgumentException.class,
                () -> WorkerLaunch.parse(List.of("1", "2", "PRODUCER", "0", "0", "false", "x", "NONE", "queue")));
        assertThrows(IllegalArgumentException.class, () -> new WorkerLaunch(1, 0, WorkerSpec.producer(false), 0,
                Injection.NONE, "queue", List.of()), "a producer needs a number");
        assertThrows(IllegalArgumentException.class, () -> new WorkerSpec(WorkerSpec.Role.CONSUMER, 5, 0, false));
    }
}
