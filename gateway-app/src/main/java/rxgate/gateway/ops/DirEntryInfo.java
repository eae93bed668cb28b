package rxgate.gateway.ops;

/** STAND-IN (see {@link GatewayException}): a directory entry. */
public record DirEntryInfo(String name, String fid) {
}
