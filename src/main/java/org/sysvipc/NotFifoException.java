package org.sysvipc;

import java.nio.file.FileSystemException;

/**
 * A path that {@link Fifo} was asked to open or create exists and is not a FIFO: a regular file,
 * a directory, a socket or a device. Like {@link java.nio.file.NotDirectoryException}, it names
 * the file and carries no errno, since no system call failed.
 */
public class NotFifoException extends FileSystemException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param file the path that is not a FIFO
     */
    public NotFifoException(String file) {
        super(file, null, "not a FIFO");
    }
}
