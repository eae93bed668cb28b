package rxgate.rxrpc.services.ubik;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static rxgate.rxrpc.services.Golden.hex;

import java.io.IOException;
import java.net.PortUnreachableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import rxgate.rxrpc.CallCompletion;
import rxgate.rxrpc.RxCallException;
import rxgate.rxrpc.errors.AfsErrors;
import rxgate.rxrpc.services.RpcCaller;
import rxgate.rxrpc.services.ScriptedCaller;
import rxgate.rxrpc.services.ubik.UbikCaller.StartPolicy;

class UbikCallerTest {
    static final byte[] READ = hex("00000207 00000001 78000000");   // GetEntryByNameN "x"
    static final byte[] WRITE = hex("00000205");                    // CreateEntryN (args irrelevant here)
    static final byte[] OK = hex("00000001");

    private final ScriptedCaller s0 = new ScriptedCaller("s0");
    private final ScriptedCaller s1 = new ScriptedCaller("s1");
    private final ScriptedCaller s2 = new ScriptedCaller("s2");

    private UbikCaller inOrder() {
        return UbikCaller.builder(List.of(s0, s1, s2)).startPolicy(StartPolicy.IN_ORDER).build();
    }

    private static int code(Throwable t) {
        Throwable c = t instanceof CompletionException ? t.getCause() : t;
        return ((RxCallException) c).code();
    }

    @Test
    void successOnTheFirstServerTriesNoOther() {
        s0.reply(OK);
        UbikCaller u = inOrder();
        assertThat(u.call(READ).join()).isEqualTo(OK);
        assertThat(s1.callCount()).isZero();
        assertThat(u.lastAnswered()).hasValue(0);
    }

    @Test
    void noQuorumMovesToTheNextServer() {
        s0.abort(AfsErrors.UNOQUORUM);
        s1.reply(OK);
        UbikCaller u = inOrder();
        assertThat(u.call(READ).join()).isEqualTo(OK);
        assertThat(u.lastAnswered()).hasValue(1);
        assertThat(u.isMarkedDown(0)).isFalse(); // a ubik answer is not a network failure
        assertThat(s2.callCount()).isZero();
        assertThat(s1.requests().get(0)).isEqualTo(READ);
    }

    @Test
    void deadAndTimeoutAndRestartingMoveOn() {
        s0.abort(AfsErrors.RX_CALL_DEAD);
        s1.fail(new RxCallException(CallCompletion.LOCALLY_ABORTED, AfsErrors.RX_CALL_TIMEOUT, "hard timeout"));
        s2.reply(OK);
        UbikCaller u = inOrder();
        assertThat(u.call(READ).join()).isEqualTo(OK);
        assertThat(u.isMarkedDown(0)).isTrue();
        assertThat(u.isMarkedDown(1)).isTrue();
        assertThat(u.isMarkedDown(2)).isFalse();
    }

    @Test
    void serversMarkedDownAreTriedLast() {
        UbikCaller u = inOrder();
        s0.abort(AfsErrors.RX_CALL_DEAD);
        s1.reply(OK);
        u.call(READ).join();
        // next call: s0 is down, so s1, s2 first, s0 last
        s1.abort(AfsErrors.UNOQUORUM);
        s2.abort(AfsErrors.UNOQUORUM);
        s0.reply(OK);
        assertThat(u.call(READ).join()).isEqualTo(OK);
        assertThat(u.isMarkedDown(0)).isFalse(); // it answered: up again
        assertThat(s0.callCount()).isEqualTo(2);
        assertThat(s1.callCount()).isEqualTo(2);
        assertThat(s2.callCount()).isEqualTo(1);
    }

    @Test
    void aTimeoutViewLimitsEachAttemptAndSharesTheCallersState() {
        UbikCaller u = inOrder();
        s0.abort(AfsErrors.RX_CALL_DEAD);
        s1.reply(OK);
        assertThat(u.withTimeout(Duration.ofMillis(1500)).call(READ).join()).isEqualTo(OK);
        assertThat(s0.timeouts()).containsExactly(Duration.ofMillis(1500));
        assertThat(s1.timeouts()).containsExactly(Duration.ofMillis(1500));
        assertThat(u.isMarkedDown(0)).isTrue(); // learnt through the view, known to the caller
        assertThat(u.lastAnswered()).hasValue(1);
        s1.reply(OK);
        assertThat(u.call(READ).join()).isEqualTo(OK); // sticky: s1 first, s0 not tried
        assertThat(s0.callCount()).isEqualTo(1);
    }

    @Test
    void applicationErrorsAreReturnedAtOnce() {
        s0.abort(AfsErrors.VL_NOENT);
        UbikCaller u = inOrder();
        assertThatThrownBy(() -> u.call(READ).join()).satisfies(t -> assertThat(code(t)).isEqualTo(AfsErrors.VL_NOENT));
        assertThat(s1.callCount()).isZero();
        assertThat(u.lastAnswered()).hasValue(0);
    }

    @Test
    void marshallingErrorsAreNotRetried() {
        s0.abort(AfsErrors.RXGEN_CC_UNMARSHAL);
        assertThatThrownBy(() -> inOrder().call(READ).join())
                .satisfies(t -> assertThat(code(t)).isEqualTo(AfsErrors.RXGEN_CC_UNMARSHAL));
        assertThat(s1.callCount()).isZero();
    }

    @Test
    void whenAllFailTheLastFailureIsReturnedWithTheOthersSuppressed() {
        s0.abort(AfsErrors.UNOQUORUM);
        s1.abort(AfsErrors.RX_CALL_DEAD);
        s2.abort(AfsErrors.UNOTSYNC);
        assertThatThrownBy(() -> inOrder().call(WRITE).join()).satisfies(t -> {
            RxCallException last = (RxCallException) t.getCause();
            assertThat(last.code()).isEqualTo(AfsErrors.UNOTSYNC);
            assertThat(last.getSuppressed()).extracting(e -> ((RxCallException) e).code())
                    .containsExactly(AfsErrors.UNOQUORUM, AfsErrors.RX_CALL_DEAD);
        });
    }

    @Test
    void networkErrorsMoveOn() {
        s0.fail(new RxCallException(CallCompletion.NETWORK_ERROR, 0, "ICMP port unreachable"));
        s1.fail(new PortUnreachableException("no route"));
        s2.reply(OK);
        UbikCaller u = inOrder();
        assertThat(u.call(READ).join()).isEqualTo(OK);
        assertThat(u.isMarkedDown(0)).isTrue();
        assertThat(u.isMarkedDown(1)).isTrue();
    }

    @Test
    void otherLocalFailuresAreReturned() {
        s0.fail(new IllegalStateException("endpoint closed"));
        assertThatThrownBy(() -> inOrder().call(READ).join()).hasCauseInstanceOf(IllegalStateException.class);
        assertThat(s1.callCount()).isZero();
        RpcCaller throwing = req -> {
            throw new IllegalStateException("synchronous");
        };
        UbikCaller u = UbikCaller.builder(List.of(throwing, s1)).startPolicy(StartPolicy.IN_ORDER).build();
        assertThatThrownBy(() -> u.call(READ).join()).hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void learnsTheSyncSiteForWriteOpcodes() {
        UbikCaller u = inOrder();
        s0.abort(AfsErrors.UNOTSYNC);
        s1.abort(AfsErrors.UNOTSYNC);
        s2.reply(OK);
        u.call(WRITE).join();
        assertThat(u.syncSite()).hasValue(2);
        // the same opcode now goes to the sync site first
        s2.reply(OK);
        u.call(WRITE).join();
        assertThat(s2.callCount()).isEqualTo(2);
        assertThat(s0.callCount()).isEqualTo(1);
        // reads still follow the start policy
        s0.reply(OK);
        u.call(READ).join();
        assertThat(s0.callCount()).isEqualTo(2);
    }

    @Test
    void syncSiteIsForgottenWhenItStopsBeingSync() {
        UbikCaller u = inOrder();
        s0.abort(AfsErrors.UNOTSYNC);
        s1.reply(OK);
        u.call(WRITE).join();
        assertThat(u.syncSite()).hasValue(1);
        s1.abort(AfsErrors.UNOTSYNC);
        s2.abort(AfsErrors.UNOTSYNC);
        s0.reply(OK);
        u.call(WRITE).join();
        assertThat(u.syncSite()).hasValue(0);
    }

    @Test
    void stickyStartsAtTheLastServerThatAnswered() {
        UbikCaller u = UbikCaller.builder(List.of(s0, s1, s2)).random(n -> 2).build(); // STICKY by default
        s2.abort(AfsErrors.UNOQUORUM);
        s0.reply(OK);
        u.call(READ).join();
        assertThat(u.lastAnswered()).hasValue(0);
        s0.reply(OK);
        u.call(READ).join();
        assertThat(s0.callCount()).isEqualTo(2);
        assertThat(s2.callCount()).isEqualTo(1);
    }

    @Test
    void roundRobinRotatesTheStart() {
        UbikCaller u = UbikCaller.builder(List.of(s0, s1, s2)).startPolicy(StartPolicy.ROUND_ROBIN)
                .random(n -> 0).build();
        List<ScriptedCaller> all = List.of(s0, s1, s2);
        all.forEach(s -> s.reply(OK).reply(OK));
        List<Integer> firsts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            u.call(READ).join();
            firsts.add(u.lastAnswered().getAsInt());
        }
        assertThat(firsts).containsExactly(0, 1, 2, 0);
    }

    @Test
    void randomUsesTheRandomSource() {
        UbikCaller u = UbikCaller.builder(List.of(s0, s1, s2)).startPolicy(StartPolicy.RANDOM).random(n -> 1).build();
        s1.reply(OK);
        u.call(READ).join();
        assertThat(s1.callCount()).isEqualTo(1);
        assertThat(s0.callCount()).isZero();
    }

    @Test
    void attemptOrderWrapsAroundFromTheStart() {
        UbikCaller u = UbikCaller.builder(List.of(s0, s1, s2)).startPolicy(StartPolicy.RANDOM).random(n -> 2).build();
        assertThat(u.attemptOrder(519)).containsExactly(2, 0, 1);
    }

    @Test
    void worksWithRepliesCompletingLaterOnAnotherThread() throws Exception {
        CompletableFuture<byte[]> first = new CompletableFuture<>();
        CompletableFuture<byte[]> second = new CompletableFuture<>();
        List<byte[]> seen = new ArrayList<>();
        RpcCaller a = req -> first;
        RpcCaller b = req -> {
            seen.add(req);
            return second;
        };
        UbikCaller u = UbikCaller.builder(List.of(a, b)).startPolicy(StartPolicy.IN_ORDER).build();
        CompletableFuture<byte[]> result = u.call(READ);
        assertThat(result).isNotDone();
        Thread t = new Thread(() -> first.completeExceptionally(
                new RxCallException(CallCompletion.REMOTELY_ABORTED, AfsErrors.UNOQUORUM, "")));
        t.start();
        t.join();
        assertThat(seen).hasSize(1);
        assertThat(result).isNotDone();
        second.complete(OK);
        assertThat(result.join()).isEqualTo(OK);
    }

    @Test
    void defaultFailoverRule() {
        assertThat(UbikCaller.isFailoverError(rx(AfsErrors.UNOQUORUM))).isTrue();
        assertThat(UbikCaller.isFailoverError(rx(AfsErrors.UNOTSYNC))).isTrue();
        assertThat(UbikCaller.isFailoverError(rx(AfsErrors.UNOSERVERS))).isTrue();
        assertThat(UbikCaller.isFailoverError(rx(AfsErrors.RX_CALL_DEAD))).isTrue();
        assertThat(UbikCaller.isFailoverError(rx(AfsErrors.RX_CALL_TIMEOUT))).isTrue();
        assertThat(UbikCaller.isFailoverError(rx(AfsErrors.RX_RESTARTING))).isTrue();
        assertThat(UbikCaller.isFailoverError(rx(AfsErrors.RXGEN_OPCODE))).isFalse();
        assertThat(UbikCaller.isFailoverError(rx(AfsErrors.RX_CALL_BUSY_LOCAL))).isFalse();
        assertThat(UbikCaller.isFailoverError(rx(AfsErrors.PRPERM))).isFalse();
        assertThat(UbikCaller.isFailoverError(new CompletionException(rx(AfsErrors.UNOQUORUM)))).isTrue();
        assertThat(UbikCaller.isFailoverError(new IOException("x"))).isTrue();
        assertThat(UbikCaller.isFailoverError(new IllegalArgumentException())).isFalse();
    }

    @Test
    void customFailoverRuleAndValidation() {
        s0.abort(AfsErrors.VL_NOENT);
        s1.reply(OK);
        UbikCaller u = UbikCaller.builder(List.of(s0, s1)).startPolicy(StartPolicy.IN_ORDER)
                .failoverWhen(t -> true).build();
        assertThat(u.call(READ).join()).isEqualTo(OK);
        assertThatThrownBy(() -> UbikCaller.of(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThat(u.target()).isEqualTo("ubik[s0, s1]");
    }

    private static RxCallException rx(int code) {
        return new RxCallException(CallCompletion.REMOTELY_ABORTED, code, "");
    }
}
