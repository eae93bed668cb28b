package rxgate.rxrpc.services.fs;

import rxgate.rxrpc.xdr.XdrReader;
import rxgate.rxrpc.xdr.XdrWriter;

/**
 * AFSFetchStatus (afs-rpcs.md §5.2): 21 words, 84 bytes. Use {@link #length()} and
 * {@link #dataVersion()} for the 64-bit values split over two words.
 */
public record AfsFetchStatus(int interfaceVersion, int fileType, int linkCount, long lengthLow,
        long dataVersionLow, int author, int owner, int callerAccess, int anonymousAccess, int unixModeBits,
        long parentVnode, long parentUnique, int residencyMask, long clientModTime, long serverModTime,
        int group, int syncCounter, long dataVersionHigh, int lockCount, long lengthHigh, int errorCode) {

    public static final int SIZE = 84;
    public static final int TYPE_INVALID = 0;
    public static final int TYPE_FILE = 1;
    public static final int TYPE_DIRECTORY = 2;
    public static final int TYPE_SYMLINK = 3;

    /** The 64-bit file size. */
    public long length() {
        return (lengthHigh << 32) | lengthLow;
    }

    /** The 64-bit data version. */
    public long dataVersion() {
        return (dataVersionHigh << 32) | dataVersionLow;
    }

    public boolean isFile() {
        return fileType == TYPE_FILE;
    }

    public boolean isDirectory() {
        return fileType == TYPE_DIRECTORY;
    }

    public boolean isSymlink() {
        return fileType == TYPE_SYMLINK;
    }

    /** "file", "directory", "symlink" or "type N". */
    public String fileTypeName() {
        return switch (fileType) {
            case TYPE_FILE -> "file";
            case TYPE_DIRECTORY -> "directory";
            case TYPE_SYMLINK -> "symlink";
            default -> "type " + fileType;
        };
    }

    public static AfsFetchStatus decode(XdrReader r) {
        return new AfsFetchStatus(r.readInt(), r.readInt(), r.readInt(), r.readUnsignedInt(), r.readUnsignedInt(),
                r.readInt(), r.readInt(), r.readInt(), r.readInt(), r.readInt(), r.readUnsignedInt(),
                r.readUnsignedInt(), r.readInt(), r.readUnsignedInt(), r.readUnsignedInt(), r.readInt(), r.readInt(),
                r.readUnsignedInt(), r.readInt(), r.readUnsignedInt(), r.readInt());
    }

    public void encodeTo(XdrWriter w) {
        w.writeInt(interfaceVersion).writeInt(fileType).writeInt(linkCount).writeUnsignedInt(lengthLow)
                .writeUnsignedInt(dataVersionLow).writeInt(author).writeInt(owner).writeInt(callerAccess)
                .writeInt(anonymousAccess).writeInt(unixModeBits).writeUnsignedInt(parentVnode)
                .writeUnsignedInt(parentUnique).writeInt(residencyMask).writeUnsignedInt(clientModTime)
                .writeUnsignedInt(serverModTime).writeInt(group).writeInt(syncCounter)
                .writeUnsignedInt(dataVersionHigh).writeInt(lockCount).writeUnsignedInt(lengthHigh).writeInt(errorCode);
    }
}
