package rxgate.rxrpc.services.fs;

import java.nio.charset.StandardCharsets;

/** Builds AFS directory images the way OpenAFS's dir.c lays them out (test helper, from afs-rpcs.md §6). */
final class DirectoryImage {
    private final byte[] data;
    private int nextBlob = 13;

    DirectoryImage(int pages) {
        data = new byte[pages * AfsDirectory.PAGE_SIZE];
        for (int p = 0; p < pages; p++) {
            int off = p * AfsDirectory.PAGE_SIZE;
            data[off + 2] = (byte) (1234 >> 8);
            data[off + 3] = (byte) (1234 & 0xFF);
            data[off + 5] = 1; // slot 0 in use
        }
        data[0] = 0;
        data[1] = (byte) pages;
        for (int s = 0; s < 13; s++) {
            data[5 + s / 8] |= (byte) (1 << (s % 8));
        }
    }

    /** Adds an entry at the next free blob (skipping to the next page if the name does not fit). */
    DirectoryImage add(String name, long vnode, long unique) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        int slots = AfsDirectory.slotsFor(n.length);
        if (nextBlob % 64 == 0) {
            nextBlob += 1;
        } else if (nextBlob % 64 + slots > 64) {
            nextBlob = (nextBlob / 64 + 1) * 64 + 1;
        }
        int blob = nextBlob;
        nextBlob += slots;
        int off = (blob / 64) * AfsDirectory.PAGE_SIZE + (blob % 64) * 32;
        data[off] = 1;
        putInt(off + 4, (int) vnode);
        putInt(off + 8, (int) unique);
        System.arraycopy(n, 0, data, off + 12, n.length);
        data[off + 12 + n.length] = 0;
        int bucket = AfsDirectory.hash(n);
        int head = ((data[160 + 2 * bucket] & 0xFF) << 8) | (data[161 + 2 * bucket] & 0xFF);
        data[off + 2] = (byte) (head >> 8);
        data[off + 3] = (byte) head;
        data[160 + 2 * bucket] = (byte) (blob >> 8);
        data[161 + 2 * bucket] = (byte) blob;
        int pageOff = (blob / 64) * AfsDirectory.PAGE_SIZE;
        for (int s = blob % 64; s < blob % 64 + slots; s++) {
            data[pageOff + 5 + s / 8] |= (byte) (1 << (s % 8));
        }
        return this;
    }

    /** Sets the hash-table head of {@code bucket} directly (corruption tests). */
    DirectoryImage head(int bucket, int blob) {
        data[160 + 2 * bucket] = (byte) (blob >> 8);
        data[161 + 2 * bucket] = (byte) blob;
        return this;
    }

    byte[] build() {
        return data.clone();
    }

    private void putInt(int off, int v) {
        data[off] = (byte) (v >>> 24);
        data[off + 1] = (byte) (v >>> 16);
        data[off + 2] = (byte) (v >>> 8);
        data[off + 3] = (byte) v;
    }
}
