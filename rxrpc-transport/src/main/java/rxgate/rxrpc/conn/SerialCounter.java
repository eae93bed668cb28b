package rxgate.rxrpc.conn;

/**
 * A connection's per-direction serial counter: every datagram (and jumbo sub-packet) we send gets
 * the next value; 0 is never used (rxrpc-protocol.md §1). Confined to the endpoint's event loop.
 */
final class SerialCounter {
    private int serial;

    int next() {
        serial++;
        if (serial == 0) {
            serial = 1;
        }
        return serial;
    }

    int current() {
        return serial;
    }
}
