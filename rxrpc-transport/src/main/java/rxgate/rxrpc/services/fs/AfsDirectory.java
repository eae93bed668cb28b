package rxgate.rxrpc.services.fs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The contents of an AFS directory vnode (afs-rpcs.md §6; openafs src/dir/dir.h, dir.c): 2048-byte
 * pages of 64 slots of 32 bytes, a 128-bucket hash table in page 0, entries chained per bucket.
 * Parsed once from the bytes FetchData64 returned; immutable.
 */
public final class AfsDirectory {
    public static final int PAGE_SIZE = 2048;
    public static final int SLOT_SIZE = 32;
    public static final int SLOTS_PER_PAGE = 64;
    public static final int HASH_SIZE = 128;
    public static final int TAG = 1234;
    /** The largest directory OpenAFS makes: 1023 pages. */
    public static final int MAX_PAGES = 1023;
    public static final int MAX_BYTES = MAX_PAGES * PAGE_SIZE;
    private static final int HASH_TABLE_OFFSET = 160;
    private static final int MAX_WALK = MAX_PAGES * SLOTS_PER_PAGE;

    /** One directory entry: the name and the FID's vnode and uniquifier (the volume is the directory's). */
    public record Entry(String name, long vnode, long unique) {
        public AfsFid fid(long volume) {
            return new AfsFid(volume, vnode, unique);
        }

        /** Directories have odd vnode numbers, files and symlinks even ones. */
        public boolean isDirectoryVnode() {
            return (vnode & 1) == 1;
        }
    }

    private final byte[] data;
    private final int pages;
    private final List<Entry> entries;

    private AfsDirectory(byte[] data) {
        this.data = data;
        this.pages = data.length / PAGE_SIZE;
        this.entries = enumerate();
    }

    /**
     * Parses a directory's contents.
     *
     * @throws IllegalArgumentException if the bytes are not a well-formed AFS directory
     */
    public static AfsDirectory parse(byte[] data) {
        if (data.length < PAGE_SIZE) {
            throw new IllegalArgumentException("directory of " + data.length + " bytes: shorter than one page");
        }
        if (u16(data, 2) != TAG) {
            throw new IllegalArgumentException("directory page 0 has tag " + u16(data, 2) + ", not " + TAG);
        }
        return new AfsDirectory(data.length % PAGE_SIZE == 0 ? data : Arrays.copyOf(data, data.length / PAGE_SIZE * PAGE_SIZE));
    }

    /** The number of 2048-byte pages. */
    public int pages() {
        return pages;
    }

    /** Every entry (including "." and ".."), in slot order. */
    public List<Entry> entries() {
        return entries;
    }

    /** The entry called {@code name} (exact, byte-wise), found through the hash chain. */
    public Optional<Entry> lookup(String name) {
        byte[] want = name.getBytes(StandardCharsets.UTF_8);
        int blob = u16(data, HASH_TABLE_OFFSET + 2 * hash(want));
        for (int steps = 0; blob != 0 && steps < MAX_WALK; steps++) {
            int off = entryOffset(blob);
            int end = nameEnd(off);
            if (end - (off + 12) == want.length && Arrays.equals(data, off + 12, end, want, 0, want.length)) {
                return Optional.of(entryAt(off, end));
            }
            blob = u16(data, off + 2);
        }
        return Optional.empty();
    }

    /** The bucket (0..127) of a name (afs_dir_DirHash). */
    public static int hash(byte[] name) {
        int h = 0;
        for (byte c : name) {
            h = h * 173 + (c & 0xFF);
        }
        int b = h & (HASH_SIZE - 1);
        if (b != 0 && h < 0) {
            b = HASH_SIZE - b;
        }
        return b;
    }

    public static int hash(String name) {
        return hash(name.getBytes(StandardCharsets.UTF_8));
    }

    /** Slots an entry with a name of {@code nameBytes} bytes occupies. */
    public static int slotsFor(int nameBytes) {
        return 1 + ((nameBytes + 1 + 15) >> 5);
    }

    private List<Entry> enumerate() {
        BitSet seen = new BitSet();
        List<int[]> found = new ArrayList<>();
        int steps = 0;
        for (int bucket = 0; bucket < HASH_SIZE; bucket++) {
            int blob = u16(data, HASH_TABLE_OFFSET + 2 * bucket);
            while (blob != 0) {
                if (++steps > MAX_WALK || seen.get(blob)) {
                    throw new IllegalArgumentException("directory hash chain loops (bucket " + bucket + ")");
                }
                seen.set(blob);
                int off = entryOffset(blob);
                found.add(new int[] {blob, off});
                blob = u16(data, off + 2);
            }
        }
        found.sort(Comparator.comparingInt(a -> a[0]));
        List<Entry> out = new ArrayList<>(found.size());
        for (int[] f : found) {
            out.add(entryAt(f[1], nameEnd(f[1])));
        }
        return List.copyOf(out);
    }

    private int entryOffset(int blob) {
        int page = blob / SLOTS_PER_PAGE;
        int slot = blob % SLOTS_PER_PAGE;
        if (page >= pages || slot == 0 || (page == 0 && slot < 13)) {
            throw new IllegalArgumentException("directory entry blob " + blob + " outside the entry area of "
                    + pages + " page(s)");
        }
        int off = page * PAGE_SIZE + slot * SLOT_SIZE;
        if ((data[off] & 0xFF) != 1) {
            throw new IllegalArgumentException("directory blob " + blob + " is not the first slot of an entry");
        }
        return off;
    }

    /** Offset of the NUL ending the name of the entry at {@code off}; the name may not cross its page. */
    private int nameEnd(int off) {
        int pageEnd = (off / PAGE_SIZE + 1) * PAGE_SIZE;
        for (int i = off + 12; i < pageEnd; i++) {
            if (data[i] == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("directory entry at byte " + off + " has a name running off its page");
    }

    private Entry entryAt(int off, int end) {
        String name = new String(data, off + 12, end - off - 12, StandardCharsets.UTF_8);
        return new Entry(name, u32(data, off + 4), u32(data, off + 8));
    }

    private static int u16(byte[] b, int off) {
        return ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
    }

    private static long u32(byte[] b, int off) {
        return ((long) (b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8)
                | (b[off + 3] & 0xFF);
    }
}
