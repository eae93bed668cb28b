package rxgate.gateway.ops;

/** STAND-IN (see {@link GatewayException}): a protection database entry. */
public record PtEntryInfo(String name, int id, String type, int owner, int creator, int memberCount, String flags) {
}
