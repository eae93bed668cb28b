package rxgate.rxrpc.services.fs;

import rxgate.rxrpc.xdr.XdrReader;

/** The reply structures of the FS RPCs {@link FsClient} makes (afs-rpcs.md §5.3). */
public final class FsResults {
    private FsResults() {
    }

    /** FetchStatus (132): 120 bytes. */
    public record FetchStatusResult(AfsFetchStatus status, AfsCallBack callBack, AfsVolSync volSync) {
        static FetchStatusResult decode(XdrReader r) {
            return new FetchStatusResult(AfsFetchStatus.decode(r), AfsCallBack.decode(r), AfsVolSync.decode(r));
        }
    }

    /** CreateFile (137) / MakeDir (141): 216 bytes. */
    public record CreateResult(AfsFid fid, AfsFetchStatus status, AfsFetchStatus dirStatus, AfsCallBack callBack,
            AfsVolSync volSync) {
        static CreateResult decode(XdrReader r) {
            return new CreateResult(AfsFid.decode(r), AfsFetchStatus.decode(r), AfsFetchStatus.decode(r),
                    AfsCallBack.decode(r), AfsVolSync.decode(r));
        }
    }

    /** RemoveFile (136) / RemoveDir (142): the directory's status, 108 bytes. */
    public record RemoveResult(AfsFetchStatus dirStatus, AfsVolSync volSync) {
        static RemoveResult decode(XdrReader r) {
            return new RemoveResult(AfsFetchStatus.decode(r), AfsVolSync.decode(r));
        }
    }

    /** StoreData64 (65538): the file's new status, 108 bytes. */
    public record StoreResult(AfsFetchStatus status, AfsVolSync volSync) {
        static StoreResult decode(XdrReader r) {
            return new StoreResult(AfsFetchStatus.decode(r), AfsVolSync.decode(r));
        }
    }

    /** FetchData64 (65537): how many bytes came, then the 120-byte trailer. */
    public record FetchDataResult(long bytes, AfsFetchStatus status, AfsCallBack callBack, AfsVolSync volSync) {
        static FetchDataResult decode(long bytes, XdrReader r) {
            return new FetchDataResult(bytes, AfsFetchStatus.decode(r), AfsCallBack.decode(r), AfsVolSync.decode(r));
        }
    }

    /**
     * GetVolumeStatus (149): AFSFetchVolumeStatus (48 bytes) then Name, OfflineMsg, Motd. Sizes
     * are in 1 KiB blocks; {@code type} 1 = read-write, 0 = read-only.
     */
    public record VolumeStatus(long volumeId, long parentId, boolean online, boolean inService, boolean blessed,
            boolean needsSalvage, int type, int minQuota, int maxQuota, int blocksInUse, int partBlocksAvail,
            int partMaxBlocks, String name, String offlineMessage, String motd) {
        static VolumeStatus decode(XdrReader r) {
            long vid = r.readUnsignedInt();
            long parent = r.readUnsignedInt();
            boolean online = r.readChar() != 0;
            boolean inService = r.readChar() != 0;
            boolean blessed = r.readChar() != 0;
            boolean salvage = r.readChar() != 0;
            int type = r.readInt();
            int minQ = r.readInt();
            int maxQ = r.readInt();
            int inUse = r.readInt();
            int avail = r.readInt();
            int max = r.readInt();
            return new VolumeStatus(vid, parent, online, inService, blessed, salvage, type, minQ, maxQ, inUse, avail,
                    max, r.readString(256), r.readString(256), r.readString(256));
        }
    }
}
