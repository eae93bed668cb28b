package rxgate.gateway.ops;

/** STAND-IN (see {@link GatewayException}): a PT name with its id. */
public record PtName(String name, int id) {
}
