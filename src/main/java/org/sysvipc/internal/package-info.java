/**
 * The one layer that touches the jextract bindings ({@code org.sysvipc.generated}): every system
 * call, linked once and returning its result or {@code -errno} ({@link org.sysvipc.internal.Syscalls}),
 * the constants and struct layouts the public classes need ({@link org.sysvipc.internal.Constants},
 * {@link org.sysvipc.internal.ErrnoNumbers}, {@link org.sysvipc.internal.Structs},
 * {@link org.sysvipc.internal.IpcKind}, {@link org.sysvipc.internal.Limits}), errno turned into the
 * API's exceptions ({@link org.sysvipc.internal.Errors}), the check that the bindings fit the
 * platform ({@link org.sysvipc.internal.Platform}), and the calls that may block, made so that
 * they never pin a virtual thread and end on interrupt and at deadlines
 * ({@link org.sysvipc.internal.BlockingCall}, {@link org.sysvipc.internal.InterruptSignal}). Nothing outside this package imports the
 * bindings, so that they can be chosen per architecture here alone. Not exported.
 */
package org.sysvipc.internal;
