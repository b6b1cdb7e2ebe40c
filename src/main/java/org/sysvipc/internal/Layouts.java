package org.sysvipc.internal;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The C structs the module reads and writes, as the bindings of the architecture this JVM runs on
 * lay them out: each struct's generated {@code layout()}, picked once ({@code AARCH64 ? aarch64's
 * : x86_64's}: only the chosen classes are ever loaded), and typed fields found by name in it. The
 * layouts are data, so one piece of code reads the structs of every architecture, and a field that
 * is missing or of another type fails when this class is initialised. The fields are static finals
 * of records, which the JIT folds to constants.
 */
final class Layouts {
    private static final boolean AARCH64 = Platform.aarch64Bindings();

    /** {@code struct ipc_perm}. */
    static final GroupLayout IPC_PERM = AARCH64 ? org.sysvipc.generated.aarch64.ipc_perm.layout()
            : org.sysvipc.generated.x86_64.ipc_perm.layout();
    /** {@code struct msqid_ds}. */
    static final GroupLayout MSQID_DS = AARCH64 ? org.sysvipc.generated.aarch64.msqid_ds.layout()
            : org.sysvipc.generated.x86_64.msqid_ds.layout();
    /** {@code struct msgbuf}. */
    static final GroupLayout MSGBUF = AARCH64 ? org.sysvipc.generated.aarch64.msgbuf.layout()
            : org.sysvipc.generated.x86_64.msgbuf.layout();
    /** {@code struct msginfo}. */
    static final GroupLayout MSGINFO = AARCH64 ? org.sysvipc.generated.aarch64.msginfo.layout()
            : org.sysvipc.generated.x86_64.msginfo.layout();
    /** {@code struct semid_ds}. */
    static final GroupLayout SEMID_DS = AARCH64 ? org.sysvipc.generated.aarch64.semid_ds.layout()
            : org.sysvipc.generated.x86_64.semid_ds.layout();
    /** {@code struct sembuf}. */
    static final GroupLayout SEMBUF = AARCH64 ? org.sysvipc.generated.aarch64.sembuf.layout()
            : org.sysvipc.generated.x86_64.sembuf.layout();
    /** {@code struct seminfo}. */
    static final GroupLayout SEMINFO = AARCH64 ? org.sysvipc.generated.aarch64.seminfo.layout()
            : org.sysvipc.generated.x86_64.seminfo.layout();
    /** {@code struct timespec}. */
    static final GroupLayout TIMESPEC = AARCH64 ? org.sysvipc.generated.aarch64.timespec.layout()
            : org.sysvipc.generated.x86_64.timespec.layout();
    /** {@code struct pollfd}. */
    static final GroupLayout POLLFD = AARCH64 ? org.sysvipc.generated.aarch64.pollfd.layout()
            : org.sysvipc.generated.x86_64.pollfd.layout();
    /** {@code struct iovec}. */
    static final GroupLayout IOVEC = AARCH64 ? org.sysvipc.generated.aarch64.iovec.layout()
            : org.sysvipc.generated.x86_64.iovec.layout();
    /** {@code struct sigaction}. */
    static final GroupLayout SIGACTION = AARCH64 ? org.sysvipc.generated.aarch64.sigaction.layout()
            : org.sysvipc.generated.x86_64.sigaction.layout();
    /** {@code struct shmid_ds}. */
    static final GroupLayout SHMID_DS = AARCH64 ? org.sysvipc.generated.aarch64.shmid_ds.layout()
            : org.sysvipc.generated.x86_64.shmid_ds.layout();
    /** {@code struct shminfo}. */
    static final GroupLayout SHMINFO = AARCH64 ? org.sysvipc.generated.aarch64.shminfo.layout()
            : org.sysvipc.generated.x86_64.shminfo.layout();
    /** {@code struct passwd}. */
    static final GroupLayout PASSWD = AARCH64 ? org.sysvipc.generated.aarch64.passwd.layout()
            : org.sysvipc.generated.x86_64.passwd.layout();
    /** {@code struct group}. */
    static final GroupLayout GROUP = AARCH64 ? org.sysvipc.generated.aarch64.group.layout()
            : org.sysvipc.generated.x86_64.group.layout();

    private Layouts() {
    }

    /** {@return the offset of {@code field} in {@code struct}} */
    static long offset(GroupLayout struct, String field) {
        return struct.byteOffset(groupElement(field));
    }

    /** {@return {@code struct}'s {@code field}, a C {@code int} or {@code unsigned int}} */
    static IntField intField(GroupLayout struct, String field) {
        return new IntField(select(struct, field, ValueLayout.OfInt.class), offset(struct, field));
    }

    /** {@return {@code struct}'s {@code field}, a C {@code long} or {@code unsigned long}} */
    static LongField longField(GroupLayout struct, String field) {
        return new LongField(select(struct, field, ValueLayout.OfLong.class), offset(struct, field));
    }

    /** {@return {@code struct}'s {@code field}, a C {@code short} or {@code unsigned short}} */
    static ShortField shortField(GroupLayout struct, String field) {
        return new ShortField(select(struct, field, ValueLayout.OfShort.class), offset(struct, field));
    }

    /**
     * {@return {@code struct}'s {@code field}, a pointer, read and written as a 64-bit address}:
     * for a struct the module fills with addresses it holds as {@code long}s.
     */
    static LongField addressAsLongField(GroupLayout struct, String field) {
        AddressLayout pointer = select(struct, field, AddressLayout.class);
        if (pointer.byteSize() != Long.BYTES) {
            throw new IllegalStateException("struct " + struct.name().orElse("?") + "'s " + field + " is "
                    + pointer.byteSize() + " bytes, not the 8 the module writes");
        }
        return new LongField(ValueLayout.JAVA_LONG.withOrder(pointer.order()), offset(struct, field));
    }

    /** {@return {@code struct}'s {@code field}, a pointer} */
    static AddressField addressField(GroupLayout struct, String field) {
        return new AddressField(select(struct, field, AddressLayout.class), offset(struct, field));
    }

    private static <L extends MemoryLayout> L select(GroupLayout struct, String field, Class<L> type) {
        MemoryLayout layout = struct.select(groupElement(field));
        if (!type.isInstance(layout)) {
            throw new IllegalStateException("struct " + struct.name().orElse("?") + "'s " + field + " is " + layout
                    + ", not the " + type.getSimpleName() + " the module reads");
        }
        return type.cast(layout);
    }

    /** An {@code int} field of a struct. */
    record IntField(ValueLayout.OfInt layout, long offset) {
        int get(MemorySegment struct) {
            return struct.get(layout, offset);
        }

        void set(MemorySegment struct, int value) {
            struct.set(layout, offset, value);
        }
    }

    /** A {@code long} field of a struct. */
    record LongField(ValueLayout.OfLong layout, long offset) {
        long get(MemorySegment struct) {
            return struct.get(layout, offset);
        }

        void set(MemorySegment struct, long value) {
            struct.set(layout, offset, value);
        }
    }

    /** A {@code short} field of a struct. */
    record ShortField(ValueLayout.OfShort layout, long offset) {
        short get(MemorySegment struct) {
            return struct.get(layout, offset);
        }

        short get(MemorySegment struct, long base) {
            return struct.get(layout, base + offset);
        }

        void set(MemorySegment struct, long base, short value) {
            struct.set(layout, base + offset, value);
        }
    }

    /** A pointer field of a struct. */
    record AddressField(AddressLayout layout, long offset) {
        MemorySegment get(MemorySegment struct) {
            return struct.get(layout, offset);
        }
    }
}
