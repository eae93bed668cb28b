package rxgate.rxrpc.services.fs;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import rxgate.rxrpc.CallCompletion;
import rxgate.rxrpc.RxCallException;
import rxgate.rxrpc.RxEndpoint;
import rxgate.rxrpc.errors.AfsErrors;
import rxgate.rxrpc.services.cb.CallbackService;
import rxgate.rxrpc.services.vl.NvldbEntry;
import rxgate.rxrpc.services.vl.VlClient;
import rxgate.rxrpc.services.vl.VlConstants;
import rxgate.rxrpc.services.vl.VlSite;

/**
 * Names files in one cell: a FID {@code VOL.VNODE.UNIQ}, or a path {@code VOLUME:/a/b} resolved
 * through the VLDB (the volume's read-write id and site, root vnode 1.1) and directory lookups
 * from the volume root. Mount points and symlinks are not followed. Keeps one {@link FsClient}
 * per fileserver, all on one endpoint, which must answer the callback service.
 */
public final class AfsFileSystem {
    private final VlClient vl;
    private final Function<InetSocketAddress, FsClient> connect;
    private final Map<InetSocketAddress, FsClient> fileservers = new ConcurrentHashMap<>();

    public AfsFileSystem(RxEndpoint endpoint, CallbackService callbacks, VlClient vl) {
        this(vl, address -> FsClient.connect(endpoint, callbacks, address));
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(callbacks, "callbacks");
    }

    /**
     * Over {@code vl}, with fileserver clients made by {@code connect} (given the fileserver's
     * address with its port), e.g. with an rxkad security class. The endpoint they use must
     * answer the callback service.
     */
    public AfsFileSystem(VlClient vl, Function<InetSocketAddress, FsClient> connect) {
        this.vl = Objects.requireNonNull(vl, "vl");
        this.connect = Objects.requireNonNull(connect, "connect");
    }

    /** A file and the fileserver that holds it. */
    public record Location(FsClient fs, AfsFid fid) {
    }

    /** The client for the fileserver at {@code address} (port 7000 if 0). */
    public FsClient fileServer(InetSocketAddress address) {
        InetSocketAddress a = address.getPort() == 0 ? new InetSocketAddress(address.getAddress(), FsOpcodes.PORT) : address;
        return fileservers.computeIfAbsent(a, connect);
    }

    /** The fileservers this file system has talked to (or is about to). */
    public Set<InetSocketAddress> fileServerAddresses() {
        return Collections.unmodifiableSet(fileservers.keySet());
    }

    /**
     * GiveUpAllCallBacks to every fileserver used, so that none tries to break callbacks to this
     * endpoint after it has closed. Completes when all have answered or failed.
     */
    public CompletableFuture<Void> giveUpAllCallBacks() {
        return CompletableFuture.allOf(fileservers.values().stream()
                .map(f -> f.giveUpAllCallBacks().exceptionally(e -> null))
                .toArray(CompletableFuture[]::new));
    }

    /** Resolves a FID ({@code VOL.VNODE.UNIQ}) or a path ({@code VOLUME:/a/b}, {@code VOLUME:} = root). */
    public CompletableFuture<Location> resolve(String spec) {
        Objects.requireNonNull(spec, "spec");
        if (AfsFid.looksLikeFid(spec)) {
            AfsFid fid = AfsFid.parse(spec);
            return fileServerForVolume(fid.volume()).thenApply(fs -> new Location(fs, fid));
        }
        int colon = spec.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("not a FID (VOL.VNODE.UNIQ) or a path (VOLUME:/a/b): " + spec);
        }
        String volume = spec.substring(0, colon);
        List<String> parts = new ArrayList<>();
        for (String p : spec.substring(colon + 1).split("/")) {
            if (!p.isEmpty() && !p.equals(".")) {
                parts.add(p);
            }
        }
        return vl.getEntryByName(volume).thenCompose(e -> {
            Location root = rootOf(e, volume);
            return walk(root, parts, 0);
        });
    }

    private CompletableFuture<Location> walk(Location at, List<String> parts, int i) {
        if (i == parts.size()) {
            return CompletableFuture.completedFuture(at);
        }
        return at.fs().lookup(at.fid(), parts.get(i)).thenCompose(fid -> walk(new Location(at.fs(), fid), parts, i + 1));
    }

    private Location rootOf(NvldbEntry e, String name) {
        int type = name.endsWith(".readonly") ? VlConstants.ROVOL
                : name.endsWith(".backup") ? VlConstants.BACKVOL : VlConstants.RWVOL;
        long id = e.volumeId(type);
        return new Location(fileServer(siteAddress(e, type)), AfsFid.root(id));
    }

    /** The fileserver holding volume {@code volumeId} (any type), found through the VLDB. */
    public CompletableFuture<FsClient> fileServerForVolume(long volumeId) {
        return vl.getEntryById(volumeId, VlConstants.ANYVOL).thenApply(e -> {
            int type = volumeId == e.roId() && e.roId() != e.rwId() ? VlConstants.ROVOL
                    : volumeId == e.backupId() && e.backupId() != e.rwId() ? VlConstants.BACKVOL : VlConstants.RWVOL;
            return fileServer(siteAddress(e, type));
        });
    }

    private static InetSocketAddress siteAddress(NvldbEntry e, int type) {
        for (VlSite s : e.sites()) {
            boolean match = type == VlConstants.ROVOL ? s.isRo() : s.isRw();
            if (match) {
                return new InetSocketAddress(s.address(), FsOpcodes.PORT);
            }
        }
        throw new RxCallException(CallCompletion.LOCAL_ERROR, AfsErrors.code("VL_NOENT").orElse(363524),
                "volume " + e.name() + " has no " + (type == VlConstants.ROVOL ? "read-only" : "read-write") + " site");
    }
}
