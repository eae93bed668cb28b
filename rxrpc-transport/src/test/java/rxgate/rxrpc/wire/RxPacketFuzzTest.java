package rxgate.rxrpc.wire;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz target for the receive path: {@link RxPacket#decode}, then the type-specific body
 * decoders and the jumbogram splitter (see {@link PacketProbe}). Only
 * {@link MalformedPacketException} may come out of the decoders.
 *
 * <p>In a plain {@code mvn test} this runs as a regression test over its seed corpus in
 * {@code src/test/resources/rxgate/rxrpc/wire/RxPacketFuzzTestInputs/decodeDatagram/} (Jazzer's
 * convention: {@code <TestClassSimpleName>Inputs/<methodName>/} next to the class, plus the empty
 * input). With {@code JAZZER_FUZZ=1} it fuzzes for {@code maxDuration}.
 */
class RxPacketFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void decodeDatagram(byte[] datagram) {
        PacketProbe.probe(datagram);
    }
}
