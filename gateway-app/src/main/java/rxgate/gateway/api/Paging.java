package rxgate.gateway.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import rxgate.gateway.ops.GatewayException;
import rxgate.gateway.ops.Page;

/**
 * Pages of a list the server answered whole (members, directory entries): the cursor is the
 * position of the next item, opaque to clients.
 */
final class Paging {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    private static final String PREFIX = "i1:";

    private Paging() {
    }

    static <T> Page<T> page(List<T> all, int limit, String cursor) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw GatewayException.badRequest("limit", "must be between 1 and " + MAX_LIMIT);
        }
        int from = cursor == null || cursor.isEmpty() ? 0 : decode(cursor);
        if (from > all.size()) {
            throw GatewayException.badRequest("cursor", "past the end of the list");
        }
        int to = Math.min(all.size(), from + limit);
        String next = to < all.size() ? Base64.getUrlEncoder().withoutPadding()
                .encodeToString((PREFIX + to).getBytes(StandardCharsets.UTF_8)) : null;
        return new Page<>(List.copyOf(all.subList(from, to)), next);
    }

    private static int decode(String cursor) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (s.startsWith(PREFIX)) {
                int i = Integer.parseInt(s.substring(PREFIX.length()));
                if (i >= 0) {
                    return i;
                }
            }
        } catch (IllegalArgumentException e) {
            // fall through
        }
        throw GatewayException.badRequest("cursor", "not a cursor returned by this listing");
    }
}
