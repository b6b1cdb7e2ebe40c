package com.example.orders;

import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.sysvipc.IpcKey;
import org.sysvipc.MessageBuffer;
import org.sysvipc.MessageQueue;

/**
 * Has order-daemon (c/order-daemon.c) price a few orders through its message queue and prints
 * what it sends back. Each message is one C {@code struct order}, built and read in place in a
 * native {@link MessageBuffer}: no byte array, no copy on the Java side.
 *
 * <p>Usage: {@code OrderService KEYFILE}, the file whose {@code ftok} key the daemon's queue has.
 */
public final class OrderService {
    private record Request(int id, double amount, String name) {
    }

    private static final List<Request> REQUESTS = List.of(
            new Request(1, 12.50, "coffee beans"),
            new Request(2, 4.20, "green tea"),
            new Request(3, 2.35, "croissant"));

    private OrderService() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: OrderService KEYFILE");
            System.exit(2);
        }
        // the daemon made the queue; this opens it by the same key, or fails if no daemon runs
        MessageQueue queue = MessageQueue.open(IpcKey.ftok(Path.of(args[0]), 'o'));
        try (Arena arena = Arena.ofConfined()) {
            MessageBuffer request = MessageBuffer.allocate(arena, Order.MESSAGE_SIZE);
            MessageBuffer reply = MessageBuffer.allocate(arena, Order.MESSAGE_SIZE);
            for (Request r : REQUESTS) {
                Order.writeRequest(request, r.id(), r.amount(), r.name());
                queue.send(request);
                queue.receive(Order.PRICED, reply);
                if (reply.length() != Order.MESSAGE_SIZE) {
                    throw new IllegalStateException("the daemon sent " + reply.length() + " bytes, not an order");
                }
                Order priced = Order.in(reply);
                if (priced.id() != r.id()) {
                    throw new IllegalStateException("asked for order " + r.id() + ", got " + priced.id());
                }
                System.out.println(String.format(Locale.ROOT, "order %d, %s: %.2f, with VAT %.2f",
                        priced.id(), priced.name(), r.amount(), priced.amount()));
            }
        }
    }
}
