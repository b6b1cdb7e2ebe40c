package org.sysvipc.tools;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tutorial's main job, end to end, on aarch64 under qemu-user. Not a host test:
 * {@code Arm64ContainerTest} runs it in the emulated arm64 container. It runs and checks the job
 * as {@link TutorialTest} does, and all of it must pass but the one check qemu-user 7.2 breaks:
 * its msgctl(IPC_STAT) writes {@code msg_lspid} and {@code msg_lrpid} as 8-byte fields, so the
 * queue's last receiver reads 0 ({@code QemuUserGaps} shows that this is qemu's doing).
 */
class EmulatedTutorialChecks {
    @TempDir
    Path temp;

    @Test
    void theMainJobRunsEndToEndAndOnlyTheCheckQemuBreaksFails() throws Exception {
        TutorialTest.runTheMainJob(temp, List.of("msg_lrpid is the parent's pid or one of its threads' ids"));
    }
}
