package rxgate.gateway.cells;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import rxgate.rxrpc.RxEndpoint;
import rxgate.rxrpc.services.perf.PerfService;
import rxgate.rxrpc.services.pt.InMemoryPtServer;
import rxgate.rxrpc.services.pt.PtConstants;
import rxgate.rxrpc.services.vl.InMemoryVlServer;
import rxgate.rxrpc.services.vl.NvldbEntry;
import rxgate.rxrpc.services.vl.VlSite;

/**
 * A demo AFS cell inside the gateway's process: in-memory VL and PT servers and the rxperf
 * service, served by rxgate's own server transport on a loopback UDP port, so the gateway works
 * on a machine without an AFS cell. Its data: volumes root.cell, root.afs and demo.vol; users
 * admin, alice and bob; group admin:staff with alice.
 */
public final class EmbeddedCell implements AutoCloseable {
    private final String name;
    private final RxEndpoint endpoint;

    public EmbeddedCell(String name) {
        this.name = name;
        InMemoryVlServer vl = new InMemoryVlServer();
        int lo = 0x7f000001;
        vl.put(new NvldbEntry("root.afs", List.of(new VlSite(lo, 0, 0x04)), 536870912L, 0, 0, 0, 0x1000, 0));
        vl.put(new NvldbEntry("root.cell", List.of(new VlSite(lo, 0, 0x04)), 536870915L, 0, 0, 0, 0x1000, 0));
        vl.put(new NvldbEntry("demo.vol", List.of(new VlSite(lo, 0, 0x04), new VlSite(lo, 1, 0x02)), 536870918L,
                536870919L, 536870920L, 0, 0x1000 | 0x2000 | 0x4000, 0));
        InMemoryPtServer pt = new InMemoryPtServer();
        int admin = pt.create("admin", 0, 0);
        int alice = pt.create("alice", 0, 0);
        pt.create("bob", 0, 0);
        int staff = pt.create("admin:staff", PtConstants.PRGRP, admin);
        pt.addToGroup(admin, PtConstants.SYSADMINID);
        pt.addToGroup(alice, staff);
        this.endpoint = RxEndpoint.builder()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .versionString("rxgate embedded demo cell " + name)
                .service(vl.service())
                .service(pt.service())
                .service(PerfService.service())
                .build();
    }

    public String name() {
        return name;
    }

    /** The loopback address and port its servers answer on. */
    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), endpoint.localAddress().getPort());
    }

    @Override
    public void close() {
        endpoint.close();
    }
}
