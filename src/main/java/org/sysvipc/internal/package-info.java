/**
 * The one layer that touches the jextract bindings ({@code org.sysvipc.generated.x86_64} and
 * {@code org.sysvipc.generated.aarch64}): every system call, linked once and returning its result
 * or {@code -errno} ({@link org.sysvipc.internal.Syscalls}), the constants and struct layouts the
 * public classes need ({@link org.sysvipc.internal.Constants}, {@link org.sysvipc.internal.ErrnoNumbers},
 * {@link org.sysvipc.internal.Structs}, {@link org.sysvipc.internal.IpcKind},
 * {@link org.sysvipc.internal.Limits}), errno turned into the API's exceptions
 * ({@link org.sysvipc.internal.Errors}), whether this JVM can use the module
 * ({@link org.sysvipc.internal.Platform}), and the calls that may block, made so that they never
 * pin a virtual thread and end on interrupt and at deadlines ({@link org.sysvipc.internal.BlockingCall},
 * {@link org.sysvipc.internal.InterruptSignal}). The bindings of the architecture the JVM runs on are
 * picked once, when the classes that read them are initialised ({@code Constants},
 * {@code ErrnoNumbers}, {@code Layouts}, {@code NativeFunctions}: static finals that the JIT folds),
 * and only that architecture's generated classes are ever loaded. Nothing outside this package
 * imports the bindings. Not exported.
 */
package org.sysvipc.internal;
