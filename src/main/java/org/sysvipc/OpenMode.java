package org.sysvipc;

/**
 * Whether opening an IPC object may create it, as {@link java.nio.file.StandardOpenOption} does for
 * files.
 */
public enum OpenMode {
    /** Open the object only if it exists; {@link IpcNotFoundException} otherwise. */
    OPEN_EXISTING,
    /** Open the object, creating it if absent ({@code IPC_CREAT}). */
    CREATE,
    /** Create the object; {@link IpcAlreadyExistsException} if it exists ({@code IPC_CREAT | IPC_EXCL}). */
    CREATE_NEW
}
