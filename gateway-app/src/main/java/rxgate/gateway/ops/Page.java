package rxgate.gateway.ops;

import java.util.List;

/** One page of a listing; {@code nextCursor} continues it, null at the end. */
public record Page<T>(List<T> items, String nextCursor) {
}
