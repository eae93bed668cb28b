package rxgate.gateway.cells;

import java.net.InetSocketAddress;
import java.util.List;
import rxgate.rxrpc.services.pt.PtClient;
import rxgate.rxrpc.services.vl.VlClient;

/**
 * One AFS cell as the gateway reaches it: its database servers and the VL and PT clients that
 * spread calls over them and fail over like OpenAFS's ubik client.
 *
 * @param name      cell name
 * @param vlServers VL server addresses (port 7003 by default)
 * @param ptServers PT server addresses (port 7002 by default)
 * @param security  security level
 * @param embedded  whether this is the in-process demo cell
 */
public record Cell(String name, List<InetSocketAddress> vlServers, List<InetSocketAddress> ptServers,
        String security, boolean embedded, VlClient vl, PtClient pt) {
}
