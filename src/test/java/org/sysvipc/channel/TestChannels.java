package org.sysvipc.channel;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.sysvipc.IpcObject;
import org.sysvipc.testing.IpcCleanup;

/**
 * Makes private channels for a test and removes their segments and semaphore sets after it, pass
 * or fail: {@code @RegisterExtension final TestChannels channels = new TestChannels();}.
 */
final class TestChannels implements AfterEachCallback {
    private final IpcCleanup cleanup = new IpcCleanup();

    /** A new private channel, removed after the test. */
    Channel create(int capacity, int maxMessage) {
        return add(Channel.createPrivate(capacity, maxMessage));
    }

    /** Registers both objects of {@code channel} for removal after the test. */
    Channel add(Channel channel) {
        cleanup.add(channel.semaphores());
        cleanup.add(channel.memory());
        return channel;
    }

    /** Registers any other object for removal after the test. */
    <T extends IpcObject> T add(T object) {
        return cleanup.add(object);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        cleanup.afterEach(context);
    }
}
