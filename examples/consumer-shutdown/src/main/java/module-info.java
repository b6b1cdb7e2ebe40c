/** Consumes jobs that PHP producers send with msg_send, on virtual threads, and stops losing none. */
module com.example.consumers {
    requires org.sysvipc;
}
