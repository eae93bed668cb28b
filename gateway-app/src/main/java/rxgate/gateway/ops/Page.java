package rxgate.gateway.ops;

import java.util.List;

/** STAND-IN (see {@link GatewayException}): one page of a listing; {@code nextCursor} is null at the end. */
public record Page<T>(List<T> items, String nextCursor) {
}
