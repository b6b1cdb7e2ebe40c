package org.sysvipc.internal;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The C functions the module calls, as the bindings of the architecture this JVM runs on declare
 * them: each function's address and descriptor, picked from aarch64's or x86_64's header class
 * (only the chosen class is ever loaded), under the names jextract gives them, so that
 * {@link Syscalls} and {@link UserCalls} link their handles from here as they would from the
 * header class. Called once per function, when those classes link their handles.
 */
final class NativeFunctions {
    private static final boolean AARCH64 = Platform.aarch64Bindings();

    /** C's {@code int}, as the bindings lay it out. */
    static final ValueLayout.OfInt C_INT = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.C_INT
            : org.sysvipc.generated.x86_64.SysvIpc.C_INT;
    /** A C pointer, as the bindings lay it out. */
    static final AddressLayout C_POINTER = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.C_POINTER
            : org.sysvipc.generated.x86_64.SysvIpc.C_POINTER;

    /** C's {@code long}, as the bindings lay it out. */
    static final ValueLayout.OfLong C_LONG = AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.C_LONG
            : org.sysvipc.generated.x86_64.SysvIpc.C_LONG;

    private NativeFunctions() {
    }

    /** {@return semctl's address}: it is variadic, so its caller links each shape of its fourth argument. */
    static MemorySegment semctl$address() {
        return AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.semctl.address()
                : org.sysvipc.generated.x86_64.SysvIpc.semctl.address();
    }

    /** {@return open's address}: it is variadic, so its caller links it with its mode argument. */
    static MemorySegment open$address() {
        return AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.open.address()
                : org.sysvipc.generated.x86_64.SysvIpc.open.address();
    }

    /** {@return fcntl's address}: it is variadic, so its caller links it with its third argument. */
    static MemorySegment fcntl$address() {
        return AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.fcntl.address()
                : org.sysvipc.generated.x86_64.SysvIpc.fcntl.address();
    }

    /** {@return syscall's address}: it is variadic, so its caller links the shape of each call it makes. */
    static MemorySegment syscall$address() {
        return AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.syscall.address()
                : org.sysvipc.generated.x86_64.SysvIpc.syscall.address();
    }

    static MemorySegment msgget$address() {
        return AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.msgget$address()
                : org.sysvipc.generated.x86_64.SysvIpc.msgget$address();
    }

    static FunctionDescriptor msgget$descriptor() {
        return AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.msgget$descriptor()
                : org.sysvipc.generated.x86_64.SysvIpc.msgget$descriptor();
    }

    static MemorySegment msgsnd$address() {
        return AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.msgsnd$address()
                : org.sysvipc.generated.x86_64.SysvIpc.msgsnd$address();
    }

    static FunctionDescriptor msgsnd$descriptor() {
        return AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.msgsnd$descriptor()
                : org.sysvipc.generated.x86_64.SysvIpc.msgsnd$descriptor();
    }

    static MemorySegment msgrcv$address() {
        return AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.msgrcv$address()
                : org.sysvipc.generated.x86_64.SysvIpc.msgrcv$address();
    }

    static FunctionDescriptor msgrcv$descriptor() {
        return AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.msgrcv$descriptor()
                : org.sysvipc.generated.x86_64.SysvIpc.msgrcv$descriptor();
    }

    static MemorySegment msgctl$address() {
        return AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.msgctl$address()
                : org.sysvipc.generated.x86_64.SysvIpc.msgctl$address();
    }

    static FunctionDescriptor msgctl$descriptor() {
        return AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.msgctl$descriptor()
                : org.sysvipc.generated.x86_64.SysvIpc.msgctl$descriptor();
    }

    static MemorySegment semget$address() {
        return AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.semget$address()
                : org.sysvipc.generated.x86_64.SysvIpc.semget$address();
    }

    static FunctionDescriptor semget$descriptor() {
        return AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.semget$descriptor()
                : org.sysvipc.generated.x86_64.SysvIpc.semget$descriptor();
    }

    static MemorySegment semop$address() {
        return AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.semop$address()
                : org.sysvipc.generated.x86_64.SysvIpc.semop$address();
    }

    static FunctionDescriptor semop$descriptor() {
        return AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.semop$descriptor()
                : org.sysvipc.generated.x86_64.SysvIpc.semop$descriptor();
    }

    static MemorySegment semtimedop$address() {
        return AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.semtimedop$address()
                : org.sysvipc.generated.x86_64.SysvIpc.semtimedop$address();
    }

    static FunctionDescriptor semtimedop$descriptor() {
        return AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.semtimedop$descriptor()
                : org.sysvipc.generated.x86_64.SysvIpc.semtimedop$descriptor();
    }

    static MemorySegment shmget$address() {
        return AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.shmget$address()
                : org.sysvipc.generated.x86_64.SysvIpc.shmget$address();
    }

    static FunctionDescriptor shmget$descriptor() {
        return AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.shmget$descriptor()
                : org.sysvipc.generated.x86_64.SysvIpc.shmget$descriptor();
    }

    static MemorySegment shmat$address() {
        return AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.shmat$address()
                : org.sysvipc.generated.x86_64.SysvIpc.shmat$address();
    }

    static FunctionDescriptor shmat$descriptor() {
        return AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.shmat$descriptor()
                : org.sysvipc.generated.x86_64.SysvIpc.shmat$descriptor();
    }

    static MemorySegment shmdt$address() {
        return AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.shmdt$address()
                : org.sysvipc.generated.x86_64.SysvIpc.shmdt$address();
    }

    static FunctionDescriptor shmdt$descriptor() {
        return AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.shmdt$descriptor()
                : org.sysvipc.generated.x86_64.SysvIpc.shmdt$descriptor();
    }

    static MemorySegment shmctl$address() {
        return AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.shmctl$address()
                : org.sysvipc.generated.x86_64.SysvIpc.shmctl$address();
    }

    static FunctionDescriptor shmctl$descriptor() {
        return AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.shmctl$descriptor()
                : org.sysvipc.generated.x86_64.SysvIpc.shmctl$descriptor();
    }

    static MemorySegment mkfifo$address() {
        return AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.mkfifo$address()
                : org.sysvipc.generated.x86_64.SysvIpc.mkfifo$address();
    }

    static FunctionDescriptor mkfifo$descriptor() {
        return AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.mkfifo$descriptor()
                : org.sysvipc.generated.x86_64.SysvIpc.mkfifo$descriptor();
    }

    static MemorySegment strerror$address() {
        return AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.strerror$address()
                : org.sysvipc.generated.x86_64.SysvIpc.strerror$address();
    }

    static FunctionDescriptor strerror$descriptor() {
        return AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.strerror$descriptor()
                : org.sysvipc.generated.x86_64.SysvIpc.strerror$descriptor();
    }

    static MemorySegment geteuid$address() {
        return AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.geteuid$address()
                : org.sysvipc.generated.x86_64.SysvIpc.geteuid$address();
    }

    static FunctionDescriptor geteuid$descriptor() {
        return AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.geteuid$descriptor()
                : org.sysvipc.generated.x86_64.SysvIpc.geteuid$descriptor();
    }

    static MemorySegment getpwuid_r$address() {
        return AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.getpwuid_r$address()
                : org.sysvipc.generated.x86_64.SysvIpc.getpwuid_r$address();
    }

    static FunctionDescriptor getpwuid_r$descriptor() {
        return AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.getpwuid_r$descriptor()
                : org.sysvipc.generated.x86_64.SysvIpc.getpwuid_r$descriptor();
    }

    static MemorySegment getgrgid_r$address() {
        return AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.getgrgid_r$address()
                : org.sysvipc.generated.x86_64.SysvIpc.getgrgid_r$address();
    }

    static FunctionDescriptor getgrgid_r$descriptor() {
        return AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.getgrgid_r$descriptor()
                : org.sysvipc.generated.x86_64.SysvIpc.getgrgid_r$descriptor();
    }

    static MemorySegment sysconf$address() {
        return AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.sysconf$address()
                : org.sysvipc.generated.x86_64.SysvIpc.sysconf$address();
    }

    static FunctionDescriptor sysconf$descriptor() {
        return AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.sysconf$descriptor()
                : org.sysvipc.generated.x86_64.SysvIpc.sysconf$descriptor();
    }

    static MemorySegment tgkill$address() {
        return AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.tgkill$address()
                : org.sysvipc.generated.x86_64.SysvIpc.tgkill$address();
    }

    static FunctionDescriptor tgkill$descriptor() {
        return AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.tgkill$descriptor()
                : org.sysvipc.generated.x86_64.SysvIpc.tgkill$descriptor();
    }

    static MemorySegment gettid$address() {
        return AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.gettid$address()
                : org.sysvipc.generated.x86_64.SysvIpc.gettid$address();
    }

    static FunctionDescriptor gettid$descriptor() {
        return AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.gettid$descriptor()
                : org.sysvipc.generated.x86_64.SysvIpc.gettid$descriptor();
    }

    static MemorySegment sigaction$address() {
        return AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.sigaction$address()
                : org.sysvipc.generated.x86_64.SysvIpc.sigaction$address();
    }

    static FunctionDescriptor sigaction$descriptor() {
        return AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.sigaction$descriptor()
                : org.sysvipc.generated.x86_64.SysvIpc.sigaction$descriptor();
    }

    static MemorySegment close$address() {
        return AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.close$address()
                : org.sysvipc.generated.x86_64.SysvIpc.close$address();
    }

    static FunctionDescriptor close$descriptor() {
        return AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.close$descriptor()
                : org.sysvipc.generated.x86_64.SysvIpc.close$descriptor();
    }

    static MemorySegment preadv2$address() {
        return AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.preadv2$address()
                : org.sysvipc.generated.x86_64.SysvIpc.preadv2$address();
    }

    static FunctionDescriptor preadv2$descriptor() {
        return AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.preadv2$descriptor()
                : org.sysvipc.generated.x86_64.SysvIpc.preadv2$descriptor();
    }

    static MemorySegment poll$address() {
        return AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.poll$address()
                : org.sysvipc.generated.x86_64.SysvIpc.poll$address();
    }

    static FunctionDescriptor poll$descriptor() {
        return AARCH64 ? org.sysvipc.generated.aarch64.SysvIpc.poll$descriptor()
                : org.sysvipc.generated.x86_64.SysvIpc.poll$descriptor();
    }
}
