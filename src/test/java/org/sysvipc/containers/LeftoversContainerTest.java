package org.sysvipc.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.DockerClientFactory;

/**
 * Before the container tests start, only the containers of test JVMs that have ended are removed:
 * two runs at once (CI and a developer, parallel builds) keep each other's.
 */
@ExtendWith(Containers.class)
class LeftoversContainerTest {
    private final DockerClient client = DockerClientFactory.lazyClient();
    private final List<String> made = new ArrayList<>();

    /** Creates (does not start) a container with the tests' label and these owner labels. */
    private String container(Map<String, String> ownerLabels) {
        Map<String, String> labels = new HashMap<>(ownerLabels);
        labels.put(Containers.LABEL, "containers");
        String id = client.createContainerCmd(Containers.IMAGE).withLabels(labels).withCmd("sleep", "infinity")
                .withNetworkDisabled(true).exec().getId();
        made.add(id);
        return id;
    }

    private boolean exists(String id) {
        try {
            client.inspectContainerCmd(id).exec();
            return true;
        } catch (NotFoundException gone) {
            return false;
        }
    }

    @Test
    void onlyTheContainersOfEndedTestJvmsAreRemoved() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Process alive = new ProcessBuilder("sleep", "600").start();
        try {
            ContainerOwner self = ContainerOwner.current();
            String ofEnded = container(new ContainerOwner(self.host(), self.pidNamespace(), ended.pid(), -1).labels());
            String ofReusedPid = container(new ContainerOwner(self.host(), self.pidNamespace(), alive.pid(),
                    ContainerOwner.of(alive.toHandle()).startMillis() - 1000).labels());
            String ofAlive = container(ContainerOwner.of(alive.toHandle()).labels());
            String ofThisJvm = container(self.labels());
            String ofAnotherHost = container(new ContainerOwner(self.host() + "-elsewhere", self.pidNamespace(),
                    ended.pid(), -1).labels());
            String ofAnotherNamespace = container(new ContainerOwner(self.host(), "pid:[1]", ended.pid(), -1).labels());
            String ofNoOwner = container(Map.of());

            Containers.removeLeftovers();

            assertFalse(exists(ofEnded), "an ended JVM's container is removed");
            assertFalse(exists(ofReusedPid), "the container of a JVM whose pid another process has now is removed");
            for (String kept : List.of(ofAlive, ofThisJvm, ofAnotherHost, ofAnotherNamespace, ofNoOwner)) {
                assertTrue(exists(kept), () -> "kept: " + client.inspectContainerCmd(kept).exec().getConfig().getLabels());
            }
            Containers.removeOwn();
            assertFalse(exists(ofThisJvm), "this JVM removes its own after each class");
            assertEquals(List.of(ofAlive, ofAnotherHost, ofAnotherNamespace, ofNoOwner),
                    made.stream().filter(this::exists).toList());
        } finally {
            alive.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            for (String id : made) {
                try {
                    client.removeContainerCmd(id).withForce(true).exec();
                } catch (NotFoundException gone) {
                    // removed by the test
                }
            }
        }
    }
}
