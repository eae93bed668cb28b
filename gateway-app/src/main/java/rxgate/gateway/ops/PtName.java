package rxgate.gateway.ops;

/** A PT name with its id. */
public record PtName(String name, int id) {
}
