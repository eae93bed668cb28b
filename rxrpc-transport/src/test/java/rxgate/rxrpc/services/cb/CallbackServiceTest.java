package rxgate.rxrpc.services.cb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import rxgate.rxrpc.RxAbortException;
import rxgate.rxrpc.RxCallException;
import rxgate.rxrpc.RxEndpoint;
import rxgate.rxrpc.errors.AfsErrors;
import rxgate.rxrpc.services.AfsUuid;
import rxgate.rxrpc.services.Golden;
import rxgate.rxrpc.services.fs.AfsCallBack;
import rxgate.rxrpc.services.fs.AfsFid;

class CallbackServiceTest {
    static final AfsUuid OURS = new AfsUuid(0x11223344, 0x5566, 0x4788, 0x99, 0xAA, 0xBBCCDDEEFF00L);
    static final InetSocketAddress FS = new InetSocketAddress(InetAddress.getLoopbackAddress(), 7000);
    static final List<InterfaceAddr.Iface> IFACES = List.of(new InterfaceAddr.Iface(0x0A4D0002, 0xFFFFFF00, 1500));

    static CallbackService service(int capacity) {
        return CallbackService.builder().uuid(OURS).interfaces(IFACES).queueCapacity(capacity)
                .executor(Runnable::run).build();
    }

    /** afsUUID as rxgen sends it: chars sign-extended. */
    static Golden uuidWords(Golden g) {
        return g.words(0x11223344, 0x5566, 0x4788, 0xFFFFFF99, 0xFFFFFFAA, 0xFFFFFFBB, 0xFFFFFFCC, 0xFFFFFFDD,
                0xFFFFFFEE, 0xFFFFFFFF, 0x00);
    }

    static Golden interfaceAddrWords(Golden g) {
        g.words(1);
        uuidWords(g);
        g.words(0x0A4D0002).zeros(31);
        g.words(0xFFFFFF00).zeros(31);
        g.words(1500).zeros(31);
        return g;
    }

    @Test
    void tellMeAboutYourselfReturnsInterfacesUuidAndErrortrans() {
        byte[] reply = service(8).answer(FS, Golden.bytes().words(65538).build());
        byte[] golden = interfaceAddrWords(Golden.bytes()).words(1, 0x1).build();
        assertThat(reply).hasSize(432 + 8).isEqualTo(golden);
    }

    @Test
    void whoAreYouReturnsTheInterfaceAddrOnly() {
        byte[] reply = service(8).answer(FS, Golden.bytes().words(212).build());
        assertThat(reply).hasSize(InterfaceAddr.SIZE).isEqualTo(interfaceAddrWords(Golden.bytes()).build());
    }

    @Test
    void probeAndInitCallBackStateAnswerEmpty() {
        CallbackService cb = service(8);
        assertThat(cb.answer(FS, Golden.bytes().words(206).build())).isEmpty();
        assertThat(cb.answer(FS, Golden.bytes().words(205).build())).isEmpty();
        byte[] init3 = Golden.bytes().words(213, 0x00090826, 0x27c1, 0x1b0a, 0xffffffac, 0x72, 1, 0, 0, 0x7f,
                0xffffffaa, 0x77).build();
        assertThat(cb.answer(FS, init3)).isEmpty();
        List<CallbackEvent> ev = cb.drain();
        assertThat(ev).hasSize(2);
        assertThat(ev.get(0)).isInstanceOf(CallbackEvent.StateReset.class);
        assertThat(((CallbackEvent.StateReset) ev.get(0)).serverUuid()).isNull();
        assertThat(((CallbackEvent.StateReset) ev.get(1)).serverUuid())
                .hasToString("00090826-27c1-1b0a-ac-72-0100007faa77");
        assertThat(ev.get(1).server()).isEqualTo(FS);
        assertThat(cb.answeredCalls()).containsEntry(206, 1L).containsEntry(205, 1L).containsEntry(213, 1L);
    }

    @Test
    void probeUuidMatchesOurUuidElseAbortsWithOne() {
        CallbackService cb = service(8);
        assertThat(cb.answer(FS, uuidWords(Golden.bytes().words(214)).build())).isEmpty();
        byte[] other = Golden.bytes().words(214, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11).build();
        assertThatThrownBy(() -> cb.answer(FS, other)).isInstanceOf(RxAbortException.class)
                .satisfies(e -> assertThat(((RxAbortException) e).code()).isEqualTo(1));
    }

    @Test
    void callBackRecordsBrokenPromises() {
        CallbackService cb = service(8);
        List<CallbackEvent> heard = new ArrayList<>();
        cb.addListener(heard::add);
        byte[] req = Golden.bytes().words(204, 2, 536870915, 2, 2, 536870915, 0, 0, 2, 1, 3600, 1, 1, 0, 3).build();
        assertThat(cb.answer(FS, req)).isEmpty();
        CallbackEvent.Broken b = (CallbackEvent.Broken) cb.poll();
        assertThat(b.fids()).containsExactly(new AfsFid(536870915, 2, 2), new AfsFid(536870915, 0, 0));
        assertThat(b.fids().get(1).isWholeVolume()).isTrue();
        assertThat(b.callbacks()).containsExactly(new AfsCallBack(1, 3600, 1), new AfsCallBack(1, 0, 3));
        assertThat(heard).containsExactly(b);
        assertThat(cb.poll()).isNull();
        // no callbacks array entries is legal
        assertThat(cb.answer(FS, Golden.bytes().words(204, 1, 1, 1, 1, 0).build())).isEmpty();
        assertThat(((CallbackEvent.Broken) cb.poll()).callbacks()).isEmpty();
    }

    @Test
    void theEventQueueIsBoundedAndDropsTheOldest() {
        CallbackService cb = service(2);
        for (int i = 1; i <= 5; i++) {
            cb.answer(FS, Golden.bytes().words(204, 1, i, 1, 1, 0).build());
        }
        assertThat(cb.droppedEvents()).isEqualTo(3);
        List<CallbackEvent> ev = cb.drain();
        assertThat(ev).extracting(e -> ((CallbackEvent.Broken) e).fids().get(0).volume()).containsExactly(4L, 5L);
    }

    @Test
    void unknownOpcodesAndBadArgumentsAbortLikeRxgen() {
        CallbackService cb = service(8);
        for (int op : new int[] {207, 208, 215, 216, 217, 65536, 65537, 99999}) {
            assertThatThrownBy(() -> cb.answer(FS, Golden.bytes().words(op).build()))
                    .isInstanceOf(RxAbortException.class)
                    .satisfies(e -> assertThat(((RxAbortException) e).code()).isEqualTo(AfsErrors.RXGEN_OPCODE));
        }
        assertThatThrownBy(() -> cb.answer(FS, Golden.bytes().words(204, 51).build()))
                .satisfies(e -> assertThat(((RxAbortException) e).code()).isEqualTo(AfsErrors.RXGEN_SS_UNMARSHAL));
        assertThatThrownBy(() -> cb.answer(FS, Golden.bytes().words(213, 1, 2).build()))
                .satisfies(e -> assertThat(((RxAbortException) e).code()).isEqualTo(AfsErrors.RXGEN_SS_UNMARSHAL));
        assertThat(cb.abortedCalls()).isEqualTo(10);
    }

    @Test
    void theUuidIsStableAndRandomOnesDiffer() {
        CallbackService a = CallbackService.builder().build();
        assertThat(a.uuid()).isEqualTo(a.uuid());
        assertThat(a.uuid().isNil()).isFalse();
        assertThat(CallbackService.builder().build().uuid()).isNotEqualTo(a.uuid());
        assertThat(a.uuid().timeHiAndVersion() >>> 12).isEqualTo(4);
    }

    @Test
    void answersOverRxOnTheSameEndpoint() throws Exception {
        CallbackService cb = service(8);
        try (RxEndpoint client = RxEndpoint.builder().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .deadTime(Duration.ofSeconds(5)).build();
                RxEndpoint fileserver = RxEndpoint.builder()
                        .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                        .deadTime(Duration.ofSeconds(5)).build()) {
            cb.installOn(client);
            var toClient = fileserver.client(client.localAddress(), 1);
            byte[] reply = toClient.call(Golden.bytes().words(65538).build()).get();
            assertThat(reply).hasSize(440);
            assertThat(toClient.call(Golden.bytes().words(206).build()).get()).isEmpty();
            assertThatThrownBy(() -> toClient.call(Golden.bytes().words(209).build()).join())
                    .isInstanceOf(CompletionException.class).hasCauseInstanceOf(RxCallException.class)
                    .satisfies(e -> assertThat(((RxCallException) e.getCause()).code()).isEqualTo(AfsErrors.RXGEN_OPCODE));
        }
    }
}
