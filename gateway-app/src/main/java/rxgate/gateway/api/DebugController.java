package rxgate.gateway.api;

import java.util.concurrent.CompletableFuture;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import rxgate.gateway.ops.DebugInfo;
import rxgate.gateway.ops.DebugOps;

/** {@code GET /api/v1/servers/{host}/{port}/debug}: what rxdebug shows, for servers of configured cells only. */
@RestController
@RequestMapping("/api/v1/servers")
public class DebugController {
    private final DebugOps debug;

    public DebugController(DebugOps debug) {
        this.debug = debug;
    }

    @GetMapping("/{host}/{port}/debug")
    public DebugInfo debug(@PathVariable String host, @PathVariable int port) {
        return Await.result(debug.debug(host, port, null));
    }
}
