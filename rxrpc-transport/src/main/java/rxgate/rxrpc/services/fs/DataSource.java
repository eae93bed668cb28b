package rxgate.rxrpc.services.fs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Where {@link FsClient#storeData64} takes file data from, chunk by chunk. {@link #read} is not
 * called again before the previous chunk has been taken into the call's (bounded) transmit queue,
 * so at most a few chunks are in memory at once.
 */
@FunctionalInterface
public interface DataSource {

    /**
     * The next chunk, at most {@code max} bytes; an empty buffer (or {@code null}) means end of
     * data. The buffer may be reused by the source once the next read is made.
     */
    CompletionStage<ByteBuffer> read(int max);

    /**
     * Goes back to the first byte so that a call the fileserver refused before doing anything
     * (VBUSY) can be made again; {@code false} (the default) if this source cannot.
     */
    default boolean rewind() {
        return false;
    }

    /** Reads a (blocking) channel on {@code executor}. */
    static DataSource of(ReadableByteChannel channel, Executor executor) {
        Objects.requireNonNull(channel);
        Objects.requireNonNull(executor);
        if (channel instanceof java.nio.channels.SeekableByteChannel sc) {
            long start;
            try {
                start = sc.position();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            DataSource plain = plain(channel, executor);
            return new DataSource() {
                @Override
                public CompletionStage<ByteBuffer> read(int max) {
                    return plain.read(max);
                }

                @Override
                public boolean rewind() {
                    try {
                        sc.position(start);
                        return true;
                    } catch (IOException e) {
                        return false;
                    }
                }
            };
        }
        return plain(channel, executor);
    }

    private static DataSource plain(ReadableByteChannel channel, Executor executor) {
        return max -> CompletableFuture.supplyAsync(() -> {
            ByteBuffer b = ByteBuffer.allocate(max);
            try {
                while (b.hasRemaining()) {
                    if (channel.read(b) < 0) {
                        break;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return b.flip();
        }, executor);
    }

    /** A source over a byte array (tests, small writes). */
    static DataSource of(byte[] data) {
        return new DataSource() {
            private int pos;

            @Override
            public CompletionStage<ByteBuffer> read(int max) {
                int n = Math.min(max, data.length - pos);
                ByteBuffer b = ByteBuffer.wrap(data, pos, n).slice();
                pos += n;
                return CompletableFuture.completedFuture(b);
            }

            @Override
            public boolean rewind() {
                pos = 0;
                return true;
            }
        };
    }
}
