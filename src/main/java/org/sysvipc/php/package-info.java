/**
 * Interop with PHP's System V IPC functions: values exchanged byte for byte as PHP's
 * {@code sysvmsg}, {@code sysvsem} and {@code sysvshm} extensions exchange them.
 *
 * <ul>
 * <li>{@link org.sysvipc.php.PhpSerializer}: PHP's {@code serialize()} format, to and from plain Java values.</li>
 * <li>{@link org.sysvipc.php.PhpMessageQueue}: {@code msg_get_queue}, {@code msg_send}, {@code msg_receive}.</li>
 * <li>{@link org.sysvipc.php.PhpSharedVariables}: {@code shm_attach}, {@code shm_put_var},
 *     {@code shm_get_var}, {@code shm_has_var}, {@code shm_remove_var}, {@code shm_detach}.</li>
 * <li>{@link org.sysvipc.php.PhpSemaphore}: {@code sem_get}, {@code sem_acquire}, {@code sem_release},
 *     {@code sem_remove}.</li>
 * </ul>
 * PHP's {@code ftok($path, $char)} is {@link org.sysvipc.IpcKey#ftok(java.nio.file.Path, int)} with
 * the character's code, and {@code posix_mkfifo} is {@link org.sysvipc.Fifo#create}.
 */
package org.sysvipc.php;
