package rxgate.rxrpc.services;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Function;
import rxgate.rxrpc.CallCompletion;
import rxgate.rxrpc.RxCallException;
import rxgate.rxrpc.errors.AfsErrors;
import rxgate.rxrpc.xdr.XdrException;
import rxgate.rxrpc.xdr.XdrReader;
import rxgate.rxrpc.xdr.XdrWriter;

/**
 * The rxgen client-stub pattern shared by the service clients: encode opcode + arguments, make
 * the call, decode the reply. A reply that does not decode fails the future with an
 * {@link RxCallException} carrying {@code RXGEN_CC_UNMARSHAL} (-451), as an rxgen client stub
 * would return.
 */
public final class RpcCalls {

    private RpcCalls() {
    }

    /** Request bytes: the opcode word followed by whatever {@code args} writes. */
    public static byte[] request(int opcode, Consumer<XdrWriter> args) {
        XdrWriter w = XdrWriter.forOpcode(opcode);
        if (args != null) {
            args.accept(w);
        }
        return w.toByteArray();
    }

    /**
     * Calls {@code opcode} with {@code args} and decodes the reply with {@code decoder}. The
     * arguments are encoded on the calling thread, so argument errors throw immediately.
     */
    public static <T> CompletableFuture<T> call(RpcCaller caller, int opcode, Consumer<XdrWriter> args,
            Function<XdrReader, T> decoder) {
        byte[] req = request(opcode, args);
        CompletableFuture<byte[]> reply;
        try {
            reply = caller.call(req);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return reply.thenApply(bytes -> decode(opcode, bytes, decoder));
    }

    /** Calls an RPC that has no results; any reply bytes are ignored (as rxgen stubs do). */
    public static CompletableFuture<Void> callVoid(RpcCaller caller, int opcode, Consumer<XdrWriter> args) {
        return call(caller, opcode, args, r -> null);
    }

    /** Decodes a reply; decode errors become {@code RXGEN_CC_UNMARSHAL}. */
    public static <T> T decode(int opcode, byte[] reply, Function<XdrReader, T> decoder) {
        try {
            return decoder.apply(new XdrReader(reply));
        } catch (XdrException e) {
            throw new RxCallException(CallCompletion.LOCAL_ERROR, AfsErrors.RXGEN_CC_UNMARSHAL,
                    "reply to opcode " + opcode + " (" + reply.length + " bytes): " + e.getMessage(), e);
        }
    }

    /**
     * The {@link RxCallException} inside {@code t} (unwrapping {@link CompletionException} and
     * {@link java.util.concurrent.ExecutionException}), or {@code null}.
     */
    public static RxCallException rxCause(Throwable t) {
        Throwable c = unwrap(t);
        return c instanceof RxCallException r ? r : null;
    }

    /** {@code t} without CompletionException/ExecutionException wrappers. */
    public static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof java.util.concurrent.ExecutionException)
                && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }
}
