package rxgate.gateway.grpc;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Answers a unary call from an operation's future without blocking any thread: the reply (or the
 * mapped error status) is sent when the future completes, and a cancelled call (client gone,
 * deadline passed) cancels the future, which aborts the RxRPC call behind it.
 */
final class UnaryReply {
    private UnaryReply() {
    }

    static <T, R> void send(StreamObserver<R> observer, Supplier<CompletableFuture<T>> operation,
            Function<? super T, ? extends R> toMessage) {
        ServerCallStreamObserver<R> call = (ServerCallStreamObserver<R>) observer;
        CompletableFuture<T> result;
        try {
            result = operation.get();
        } catch (RuntimeException e) {
            call.onError(GrpcErrors.toStatus(e));
            return;
        }
        call.setOnCancelHandler(() -> result.cancel(true));
        result.whenComplete((value, failure) -> {
            if (call.isCancelled()) {
                return;
            }
            if (failure != null) {
                call.onError(GrpcErrors.toStatus(failure));
                return;
            }
            R message;
            try {
                message = toMessage.apply(value);
            } catch (RuntimeException e) {
                call.onError(GrpcErrors.toStatus(e));
                return;
            }
            call.onNext(message);
            call.onCompleted();
        });
    }
}
