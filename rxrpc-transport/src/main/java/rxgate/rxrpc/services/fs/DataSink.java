package rxgate.rxrpc.services.fs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Where {@link FsClient#fetchData64} puts file data, chunk by chunk, in order. The next chunk is
 * not read from the call until the stage returned for the previous one completes, so a slow sink
 * slows the fileserver down (Rx flow control) instead of filling memory. The buffer belongs to the
 * sink only until its stage completes.
 */
@FunctionalInterface
public interface DataSink {

    CompletionStage<Void> write(ByteBuffer chunk);

    /**
     * Writes to a (blocking) channel on {@code executor}, never on the endpoint's event loop.
     */
    static DataSink of(WritableByteChannel channel, Executor executor) {
        Objects.requireNonNull(channel);
        Objects.requireNonNull(executor);
        return chunk -> CompletableFuture.runAsync(() -> {
            try {
                while (chunk.hasRemaining()) {
                    channel.write(chunk);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, executor);
    }
}
