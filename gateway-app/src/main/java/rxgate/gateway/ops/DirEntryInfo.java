package rxgate.gateway.ops;

/** One directory entry: its name and FID. */
public record DirEntryInfo(String name, String fid) {
}
