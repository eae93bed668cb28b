package rxgate.gateway.cells;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import rxgate.gateway.config.RxgateProperties.ReadAccess;
import rxgate.gateway.ops.RequestScope;
import rxgate.rxrpc.security.RxSecurityClass;
import rxgate.rxrpc.services.fs.AfsFileSystem;
import rxgate.rxrpc.services.pt.PtClient;
import rxgate.rxrpc.services.ubik.UbikCaller;
import rxgate.rxrpc.services.vl.VlClient;

/**
 * One AFS cell as the gateway reaches it: its database servers, the security its calls use, and
 * the ubik callers that spread VL and PT calls over the servers and fail over like OpenAFS's ubik
 * client. Every call goes through the pooled connection manager.
 *
 * @param name      cell name
 * @param vlServers VL server addresses (port 7003 by default)
 * @param ptServers PT server addresses (port 7002 by default)
 * @param security  security level name: none, clear, auth or crypt
 * @param securityClass the security class of the cell's calls
 * @param readAccess who may read the cell through the gateway
 * @param embedded  whether this is the in-process demo cell
 * @param vlCaller  VL calls over the database servers
 * @param ptCaller  PT calls over the database servers
 * @param files     the cell's files (fileservers found through the VLDB); null when the cell has
 *                  no fileserver (the embedded demo cell)
 */
public record Cell(String name, List<InetSocketAddress> vlServers, List<InetSocketAddress> ptServers,
        String security, RxSecurityClass securityClass, ReadAccess readAccess, boolean embedded,
        UbikCaller vlCaller, UbikCaller ptCaller, AfsFileSystem files) {

    /** A VL client whose calls end after {@code timeout} (each attempt) and belong to {@code scope}. */
    public VlClient vl(Duration timeout, RequestScope scope) {
        return new VlClient(vlCaller.mapServers(s -> scope.track(s.withTimeout(timeout))));
    }

    /** A PT client whose calls end after {@code timeout} (each attempt) and belong to {@code scope}. */
    public PtClient pt(Duration timeout, RequestScope scope) {
        return new PtClient(ptCaller.mapServers(s -> scope.track(s.withTimeout(timeout))));
    }
}
