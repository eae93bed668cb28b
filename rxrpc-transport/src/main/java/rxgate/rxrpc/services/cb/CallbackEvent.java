package rxgate.rxrpc.services.cb;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import rxgate.rxrpc.services.AfsUuid;
import rxgate.rxrpc.services.fs.AfsCallBack;
import rxgate.rxrpc.services.fs.AfsFid;

/** Something a fileserver told us about the callback promises it made. */
public sealed interface CallbackEvent {

    /** The fileserver that sent it (address and port of its calling connection). */
    InetSocketAddress server();

    /** When we received it. */
    Instant received();

    /**
     * CallBack (204): the promises on {@code fids} are broken; cached data and status of those
     * files must not be used any more. A FID with vnode 0 means the whole volume
     * ({@link AfsFid#isWholeVolume()}). {@code callbacks} is empty or has one entry per FID.
     */
    record Broken(InetSocketAddress server, Instant received, List<AfsFid> fids, List<AfsCallBack> callbacks)
            implements CallbackEvent {
        public Broken {
            fids = List.copyOf(fids);
            callbacks = List.copyOf(callbacks);
        }
    }

    /**
     * InitCallBackState (205) or InitCallBackState3 (213): every promise from this server is
     * gone. {@code serverUuid} is the fileserver's UUID for 213, {@code null} for 205.
     */
    record StateReset(InetSocketAddress server, Instant received, AfsUuid serverUuid) implements CallbackEvent {
    }
}
