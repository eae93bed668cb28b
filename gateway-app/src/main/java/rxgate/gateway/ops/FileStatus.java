package rxgate.gateway.ops;

import java.time.Instant;
import rxgate.rxrpc.services.fs.AfsFetchStatus;
import rxgate.rxrpc.services.fs.AfsFid;

/** A vnode's status: FID (VOL.VNODE.UNIQ), type, size, data version, modification time, owner, mode. */
public record FileStatus(String fid, String type, long length, long dataVersion, Instant modified, int mode,
        int owner, int group, int linkCount) {

    static FileStatus of(AfsFid fid, AfsFetchStatus s) {
        String type = s.isFile() ? "file" : s.isDirectory() ? "directory" : s.isSymlink() ? "symlink" : "invalid";
        return new FileStatus(fid.toString(), type, s.length(), s.dataVersion(),
                Instant.ofEpochSecond(s.clientModTime()), s.unixModeBits() & 07777, s.owner(), s.group(),
                s.linkCount());
    }
}
