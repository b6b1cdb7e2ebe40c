/** Sends orders to a C daemon and reads its replies, as C structs in a System V message queue. */
module com.example.orders {
    requires org.sysvipc;
}
