package rxgate.gateway.ops;

import java.util.List;
import java.util.Map;

/** STAND-IN (see {@link GatewayException}): what rxdebug shows about a server. */
public record DebugInfo(String version, Map<String, Long> statistics, List<Map<String, Object>> peers,
        List<Map<String, Object>> connections) {
}
