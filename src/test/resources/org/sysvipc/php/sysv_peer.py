"""Python sysv_ipc peer for the interop tests: raw bytes through a queue and a shared segment.

queue KEY N: receives N messages and sends each back with its type plus 10, then sends all
             256 byte values as type 20.
shm KEY OFFSET LENGTH TO: reads LENGTH bytes at OFFSET, writes them reversed at TO.
sem KEY VALUE: creates a semaphore with VALUE as sysv_ipc does (semget, then SETVAL), and leaves it.
"""
import sys

import sysv_ipc

mode, key = sys.argv[1], int(sys.argv[2])
if mode == "queue":
    queue = sysv_ipc.MessageQueue(key)
    for _ in range(int(sys.argv[3])):
        message, mtype = queue.receive(block=True, type=0)
        queue.send(message, block=True, type=mtype + 10)
    queue.send(bytes(range(256)), block=True, type=20)
elif mode == "shm":
    offset, length, to = (int(a) for a in sys.argv[3:6])
    memory = sysv_ipc.SharedMemory(key)
    data = memory.read(length, offset)
    memory.write(data[::-1], to)
    memory.detach()
elif mode == "sem":
    sysv_ipc.Semaphore(key, sysv_ipc.IPC_CREX, 0o600, int(sys.argv[3]))
else:
    sys.exit("unknown mode " + mode)
print("ok")
