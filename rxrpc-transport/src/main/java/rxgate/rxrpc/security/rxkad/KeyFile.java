package rxgate.rxrpc.security.rxkad;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A classic OpenAFS KeyFile (rxkad.md §8.1): a big-endian entry count, then per entry a 32-bit
 * kvno and an 8-byte DES key. Errors name the file and the problem, never a key.
 */
public final class KeyFile {
    /** OpenAFS keeps at most 8 keys in a KeyFile; a larger count means a corrupt or foreign file. */
    public static final int MAX_KEYS = 8;

    private final List<ServerKey> keys;

    private KeyFile(List<ServerKey> keys) {
        this.keys = Collections.unmodifiableList(keys);
    }

    /** Reads a KeyFile. */
    public static KeyFile read(Path path) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new IOException("KeyFile " + path + " does not exist", e);
        } catch (IOException e) {
            throw new IOException("cannot read KeyFile " + path + ": " + e.getMessage(), e);
        }
        try {
            return parse(bytes);
        } catch (IllegalArgumentException e) {
            throw new IOException("KeyFile " + path + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** Parses the bytes of a KeyFile. */
    public static KeyFile parse(byte[] bytes) {
        if (bytes.length < 4) {
            throw new IllegalArgumentException("too short (" + bytes.length + " bytes) for a KeyFile");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int count = b.getInt();
        if (count < 0 || count > MAX_KEYS) {
            throw new IllegalArgumentException("bad key count " + count + " (expected 0.." + MAX_KEYS
                    + "; is this a KeyFileExt or another format?)");
        }
        int expected = 4 + 12 * count;
        if (bytes.length < expected) {
            throw new IllegalArgumentException("truncated: " + count + " keys need " + expected + " bytes, file has "
                    + bytes.length);
        }
        List<ServerKey> keys = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int kvno = b.getInt();
            byte[] key = new byte[8];
            b.get(key);
            if (kvno < 0) {
                throw new IllegalArgumentException("entry " + i + " has a negative kvno " + kvno);
            }
            for (ServerKey k : keys) {
                if (k.kvno() == kvno) {
                    throw new IllegalArgumentException("kvno " + kvno + " appears twice");
                }
            }
            keys.add(new ServerKey(kvno, key));
            Arrays.fill(key, (byte) 0);
        }
        return new KeyFile(keys);
    }

    /** Builds a KeyFile in memory (tests, tools). */
    public static KeyFile of(List<ServerKey> keys) {
        return new KeyFile(new ArrayList<>(keys));
    }

    /** Encodes this KeyFile in the classic format. */
    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(4 + 12 * keys.size());
        b.putInt(keys.size());
        for (ServerKey k : keys) {
            b.putInt(k.kvno());
            b.put(k.keyBytes());
        }
        return b.array();
    }

    /** The entries, in file order. */
    public List<ServerKey> keys() {
        return keys;
    }

    /** The key with {@code kvno}, if present. */
    public Optional<ServerKey> find(int kvno) {
        return keys.stream().filter(k -> k.kvno() == kvno).findFirst();
    }

    /** The key with {@code kvno}; an {@link IllegalArgumentException} naming the kvnos present if absent. */
    public ServerKey get(int kvno) {
        return find(kvno).orElseThrow(() -> new IllegalArgumentException("the KeyFile has no key with kvno " + kvno
                + " (it has " + kvnos() + ")"));
    }

    /** The key with the highest kvno, ignoring the reserved 999, as OpenAFS's -localauth picks it. */
    public ServerKey latest() {
        return keys.stream().filter(k -> k.kvno() != RxkadConstants.RESERVED_KVNO)
                .max((a, b) -> Integer.compare(a.kvno(), b.kvno()))
                .orElseThrow(() -> new IllegalArgumentException("the KeyFile holds no usable key"));
    }

    private List<Integer> kvnos() {
        return keys.stream().map(ServerKey::kvno).toList();
    }

    @Override
    public String toString() {
        return "KeyFile[kvnos=" + kvnos() + "]";
    }
}
