package org.sysvipc.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sysvipc.tools.IpcsTable.ChannelRow;
import org.sysvipc.tools.IpcsTable.QueueRow;
import org.sysvipc.tools.IpcsTable.SegmentRow;
import org.sysvipc.tools.IpcsTable.SemaphoreSetRow;

class IpcsTableTest {
    @Test
    void formatsRowsAsIpcsDoes() {
        String table = IpcsTable.format(
                List.of(new QueueRow(0x6100c021, 32811, 0, 0, 0600, 11, 1)),
                List.of(new SegmentRow(0, 65570, 1000, 1000, 0640 | IpcsTable.SHM_DEST, 8, 2),
                        new SegmentRow(-1, 7, 1234, 1234, 0600 | IpcsTable.SHM_LOCKED, 4096, 0)),
                List.of(new SemaphoreSetRow(0x5e5e0001, 229404, 0, 0, 0666, 2)),
                uid -> uid == 0 ? "root" : uid == 1000 ? "averyveryverylongname" : null);
        assertEquals("""

                ------ Message Queues --------
                key        msqid      owner      perms      used-bytes   messages
                0x6100c021 32811      root       600        11           1

                ------ Shared Memory Segments --------
                key        shmid      owner      perms      bytes      nattch     status
                0x00000000 65570      averyveryv 640        8          2          dest
                0xffffffff 7          1234       600        4096       0                 locked

                ------ Semaphore Arrays --------
                key        semid      owner      perms      nsems
                0x5e5e0001 229404     root       666        2

                """, table);
    }

    @Test
    void listsChannelsAfterTheTablesOfIpcsAndNothingWhenThereAreNone() {
        String table = IpcsTable.format(List.of(), List.of(new SegmentRow(0, 65570, 0, 0, 0600, 1024 + 4096, 2)), List.of(),
                List.of(new ChannelRow(65570, 229404, 4096, 100, 88, 12, 11, 1, 4242),
                        new ChannelRow(7, 8, 1 << 20, 8192, 0, 0, 0, 0, 0)),
                uid -> "root");
        assertEquals(IpcsTable.format(List.of(), List.of(new SegmentRow(0, 65570, 0, 0, 0600, 1024 + 4096, 2)), List.of(),
                uid -> "root") + """
                ------ Channels (shared memory segment and semaphore set) --------
                shmid      semid      capacity   max-msg    pending    sent         received     abandoned  consumer
                65570      229404     4096       100        88         12           11           1          4242
                7          8          1048576    8192       0          0            0            0          -

                """, table);
        assertEquals(IpcsTable.format(List.of(), List.of(), List.of(), uid -> null),
                IpcsTable.format(List.of(), List.of(), List.of(), List.of(), uid -> null));
    }

    @Test
    void onlySegmentsOfAChannelsSizeAreLookedInto() {
        assertEquals(true, IpcsRows.channelSized(1024 + 1024));
        assertEquals(true, IpcsRows.channelSized(1024 + (1L << 30)));
        assertEquals(false, IpcsRows.channelSized(1024 + 3000));
        assertEquals(false, IpcsRows.channelSized(1024));
        assertEquals(false, IpcsRows.channelSized(4096));
    }

    @Test
    void formatsEmptyTablesWithTheirHeaders() {
        String table = IpcsTable.format(List.of(), List.of(), List.of(), uid -> null);
        assertEquals(3, table.lines().filter(line -> line.startsWith("key ")).count());
    }
}
