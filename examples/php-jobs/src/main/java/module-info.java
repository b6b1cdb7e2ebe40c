/** Serves invoice jobs that PHP workers send with msg_send, and replies so that msg_receive reads it. */
module com.example.jobs {
    requires org.sysvipc;
}
