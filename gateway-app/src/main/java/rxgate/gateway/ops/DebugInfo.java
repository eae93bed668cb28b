package rxgate.gateway.ops;

import java.util.List;
import java.util.Map;

/**
 * What {@code rxdebug} shows of one server: its version string, its statistics (GETSTATS and,
 * where the server has them, RXSTATS counters, by OpenAFS's field names), its peers and its
 * connections (each a map of rxdebug's fields).
 */
public record DebugInfo(String server, String version, Map<String, Long> statistics,
        List<Map<String, Object>> peers, List<Map<String, Object>> connections) {
}
