package rxgate.gateway.ops;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import rxgate.gateway.cells.Cell;
import rxgate.gateway.cells.CellDirectory;
import rxgate.rxrpc.RxEndpoint;
import rxgate.rxrpc.services.debug.RxDebugChannel;
import rxgate.rxrpc.services.debug.RxDebugClient;
import rxgate.rxrpc.services.fs.DataSink;
import rxgate.rxrpc.services.fs.DataSource;
import rxgate.rxrpc.services.pt.PtClient;
import rxgate.rxrpc.services.pt.PtConstants;
import rxgate.rxrpc.services.pt.PtEntry;
import rxgate.rxrpc.services.vl.NvldbEntry;
import rxgate.rxrpc.services.vl.VlClient;
import rxgate.rxrpc.services.vl.VlListByAttributes;
import rxgate.rxrpc.services.vl.VlNames;

/**
 * STAND-IN (see {@link GatewayException}): a minimal implementation of the operations contract
 * over {@link CellDirectory}, without pooling, resilience or file access, so the gRPC API can be
 * tested against the embedded cell until the lead's operations layer lands on main. Delete at
 * that merge.
 */
class StandInOps {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern PT_NAME = Pattern.compile("[A-Za-z0-9_.@:-]{1,63}");
    private final CellDirectory cells;
    private final RxEndpoint endpoint;

    StandInOps(CellDirectory cells, RxEndpoint endpoint) {
        this.cells = cells;
        this.endpoint = endpoint;
    }

    /** Exposes the stand-in as one bean per operations interface. */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class Beans {
        @org.springframework.context.annotation.Bean
        StandInOps standInOps(CellDirectory cells, RxEndpoint endpoint) {
            return new StandInOps(cells, endpoint);
        }

        @org.springframework.context.annotation.Bean
        CellOps cellOps(StandInOps ops) {
            return ops::cells;
        }

        @org.springframework.context.annotation.Bean
        VolumeOps volumeOps(StandInOps ops) {
            return ops.new Volumes();
        }

        @org.springframework.context.annotation.Bean
        PtOps ptOps(StandInOps ops) {
            return ops.new Pts();
        }

        @org.springframework.context.annotation.Bean
        FileOps fileOps() {
            return new Files();
        }

        @org.springframework.context.annotation.Bean
        DebugOps debugOps(StandInOps ops) {
            return ops::debug;
        }

        @org.springframework.context.annotation.Bean
        RawCallOps rawCallOps(StandInOps ops) {
            return ops::call;
        }
    }

    private static <T> CompletableFuture<T> mapped(CompletableFuture<T> f) {
        return f.exceptionallyCompose(e -> CompletableFuture.failedFuture(GatewayErrors.classify(e)));
    }

    private static Duration or(Duration timeout) {
        return timeout != null ? timeout : DEFAULT_TIMEOUT;
    }

    private Cell cell(String name) {
        return cells.find(name).orElseThrow(() -> new GatewayException(GatewayException.Kind.NOT_FOUND,
                "UNKNOWN_CELL", null, null, null, "no cell named " + name + " is configured", null));
    }

    private VlClient vl(String cell, Duration timeout) {
        return new VlClient(cell(cell).vl().caller().withTimeout(or(timeout)));
    }

    private PtClient pt(String cell, Duration timeout) {
        return new PtClient(cell(cell).pt().caller().withTimeout(or(timeout)));
    }

    private static <T> CompletableFuture<T> guarded(java.util.function.Supplier<CompletableFuture<T>> body) {
        try {
            return mapped(body.get());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(GatewayErrors.classify(e));
        }
    }

    List<CellInfo> cells() {
        return cells.all().stream().map(c -> new CellInfo(c.name(),
                c.vlServers().stream().map(a -> a.getAddress().getHostAddress() + ":" + a.getPort()).toList(),
                c.security(), c.embedded())).toList();
    }

    final class Volumes implements VolumeOps {
        @Override
        public CompletableFuture<VolumeEntry> get(String cell, String nameOrId, Duration timeout) {
            return guarded(() -> {
                VlClient vl = vl(cell, timeout);
                if (!VlNames.isLegal(nameOrId)) {
                    throw GatewayException.badRequest("nameOrId", "not a volume name or id");
                }
                return vl.getEntryByName(nameOrId).thenApply(StandInOps::entry);
            });
        }

        @Override
        public CompletableFuture<Page<VolumeEntry>> list(String cell, String prefix, int limit, String cursor,
                Duration timeout) {
            return guarded(() -> {
                int from = cursor == null || cursor.isEmpty() ? 0 : Integer.parseInt(cursor);
                int n = limit <= 0 ? 100 : Math.min(limit, 1000);
                return vl(cell, timeout).listAttributes(VlListByAttributes.all()).thenApply(all -> {
                    List<VolumeEntry> matching = all.stream().filter(e -> prefix == null || e.name().startsWith(prefix))
                            .sorted(Comparator.comparing(NvldbEntry::name)).map(StandInOps::entry).toList();
                    int to = Math.min(matching.size(), from + n);
                    return new Page<>(matching.subList(Math.min(from, to), to), to < matching.size() ? String.valueOf(to) : null);
                });
            });
        }
    }

    private static VolumeEntry entry(NvldbEntry e) {
        List<VolumeSite> sites = e.sites().stream().map(s -> new VolumeSite(s.addressString(), s.partitionName(),
                s.isRw() ? "RW" : s.isRo() ? "RO" : s.isBackup() ? "BK" : "?", s.flagNames())).toList();
        return new VolumeEntry(e.name(), e.rwId(), e.hasRo() ? e.roId() : null, e.hasBackup() ? e.backupId() : null,
                sites, e.flagNames());
    }

    private CompletableFuture<Integer> ptId(PtClient pt, String field, String nameOrId) {
        if (nameOrId == null || !PT_NAME.matcher(nameOrId).matches()) {
            throw GatewayException.badRequest(field, "not a PT name or id");
        }
        if (nameOrId.matches("-?\\d+")) {
            return CompletableFuture.completedFuture(Integer.parseInt(nameOrId));
        }
        return pt.nameToId(List.of(nameOrId)).thenApply(ids -> {
            if (ids.get(0) == PtConstants.ANONYMOUSID) {
                throw new GatewayException(GatewayException.Kind.NOT_FOUND, "PRNOENT", 267268, null, null,
                        "no PT entry named " + nameOrId, null);
            }
            return ids.get(0);
        });
    }

    private static PtEntryInfo info(PtEntry e) {
        return new PtEntryInfo(e.name(), e.id(), e.isGroup() ? "group" : "user", e.owner(), e.creator(), e.count(),
                e.privacyString());
    }

    final class Pts implements PtOps {
        @Override
        public CompletableFuture<PtEntryInfo> get(String cell, String nameOrId, Duration timeout) {
            return guarded(() -> {
                PtClient pt = pt(cell, timeout);
                return ptId(pt, "nameOrId", nameOrId).thenCompose(pt::listEntry).thenApply(StandInOps::info);
            });
        }

        private CompletableFuture<List<PtName>> names(PtClient pt, List<Integer> ids) {
            return pt.idToName(ids).thenApply(names -> {
                List<PtName> out = new ArrayList<>();
                for (int i = 0; i < ids.size(); i++) {
                    out.add(new PtName(names.get(i), ids.get(i)));
                }
                return out;
            });
        }

        @Override
        public CompletableFuture<List<PtName>> members(String cell, String nameOrId, Duration timeout) {
            return guarded(() -> {
                PtClient pt = pt(cell, timeout);
                return ptId(pt, "nameOrId", nameOrId).thenCompose(pt::listElements).thenCompose(l -> names(pt, l.ids()));
            });
        }

        @Override
        public CompletableFuture<List<PtName>> groups(String cell, String nameOrId, Duration timeout) {
            // PR_ListElements answers a user's groups as it answers a group's members (pts membership)
            return members(cell, nameOrId, timeout);
        }

        @Override
        public CompletableFuture<PtEntryInfo> createUser(String cell, String name, Integer id, Duration timeout) {
            return guarded(() -> {
                PtClient pt = pt(cell, timeout);
                if (name == null || !PT_NAME.matcher(name).matches() || name.contains(":")) {
                    throw GatewayException.badRequest("name", "not a user name");
                }
                CompletableFuture<Integer> made = id != null
                        ? pt.newEntryWithId(name, id, 0).thenApply(v -> id)
                        : pt.newEntry(name, 0, 0);
                return made.thenCompose(pt::listEntry).thenApply(StandInOps::info);
            });
        }

        @Override
        public CompletableFuture<PtEntryInfo> createGroup(String cell, String name, String owner, Duration timeout) {
            return guarded(() -> {
                PtClient pt = pt(cell, timeout);
                if (name == null || !PT_NAME.matcher(name).matches()) {
                    throw GatewayException.badRequest("name", "not a group name");
                }
                CompletableFuture<Integer> ownerId = owner == null || owner.isEmpty()
                        ? CompletableFuture.completedFuture(0) : ptId(pt, "owner", owner);
                return ownerId.thenCompose(o -> pt.newEntry(name, PtConstants.PRGRP, o)).thenCompose(pt::listEntry)
                        .thenApply(StandInOps::info);
            });
        }

        @Override
        public CompletableFuture<Void> delete(String cell, String nameOrId, Duration timeout) {
            return guarded(() -> {
                PtClient pt = pt(cell, timeout);
                return ptId(pt, "nameOrId", nameOrId).thenCompose(pt::delete);
            });
        }

        @Override
        public CompletableFuture<Void> addMember(String cell, String group, String name, Duration timeout) {
            return guarded(() -> {
                PtClient pt = pt(cell, timeout);
                return ptId(pt, "group", group).thenCompose(g -> ptId(pt, "name", name).thenCompose(u -> pt.addToGroup(u, g)));
            });
        }

        @Override
        public CompletableFuture<Void> removeMember(String cell, String group, String name, Duration timeout) {
            return guarded(() -> {
                PtClient pt = pt(cell, timeout);
                return ptId(pt, "group", group)
                        .thenCompose(g -> ptId(pt, "name", name).thenCompose(u -> pt.removeFromGroup(u, g)));
            });
        }
    }

    private static <T> CompletableFuture<T> noFileserver() {
        return CompletableFuture.failedFuture(new GatewayException(GatewayException.Kind.UNAVAILABLE, "NO_FILESERVER",
                null, null, null, "file access arrives with the operations layer", null));
    }

    static final class Files implements FileOps {
        @Override
        public CompletableFuture<FileStatus> stat(String cell, String volume, String path, Duration timeout) {
            return noFileserver();
        }

        @Override
        public CompletableFuture<List<DirEntryInfo>> list(String cell, String volume, String path, Duration timeout) {
            return noFileserver();
        }

        @Override
        public CompletableFuture<FileStatus> read(String cell, String volume, String path, long offset, long length,
                DataSink sink) {
            return noFileserver();
        }

        @Override
        public CompletableFuture<FileStatus> write(String cell, String volume, String path, long length, DataSource source) {
            return noFileserver();
        }

        @Override
        public CompletableFuture<Void> delete(String cell, String volume, String path, Duration timeout) {
            return noFileserver();
        }

        @Override
        public CompletableFuture<FileStatus> mkdir(String cell, String volume, String path, Duration timeout) {
            return noFileserver();
        }
    }

    /** Only database servers of configured cells may be reached. */
    private InetSocketAddress cellServer(String host, int port) {
        for (Cell c : cells.all()) {
            for (InetSocketAddress a : c.vlServers()) {
                if (a.getAddress().getHostAddress().equals(host)) {
                    try {
                        return new InetSocketAddress(InetAddress.getByName(host), port);
                    } catch (java.net.UnknownHostException e) {
                        break;
                    }
                }
            }
        }
        throw new GatewayException(GatewayException.Kind.PERMISSION_DENIED, "NOT_A_CELL_SERVER", null, "host", null,
                host + " is not a server of a configured cell", null);
    }

    CompletableFuture<DebugInfo> debug(String host, int port, Duration timeout) {
        return guarded(() -> {
            RxDebugClient client = new RxDebugClient(RxDebugChannel.of(endpoint, cellServer(host, port), or(timeout)));
            return client.version().thenCompose(version -> client.rxStats().thenCompose(stats -> client.peers()
                    .thenApply(peers -> {
                        Map<String, Long> counters = new LinkedHashMap<>();
                        counters.put("dataPacketsRead", Integer.toUnsignedLong(stats.dataPacketsRead()));
                        counters.put("dataPacketsSent", Integer.toUnsignedLong(stats.dataPacketsSent()));
                        counters.put("dataPacketsReSent", Integer.toUnsignedLong(stats.dataPacketsReSent()));
                        List<Map<String, Object>> p = peers.stream().map(x -> Map.<String, Object>of(
                                "host", x.hostString(), "port", x.port(), "rtt", x.rtt())).toList();
                        return new DebugInfo(version, counters, p, List.of());
                    })));
        });
    }

    CompletableFuture<byte[]> call(String server, int port, int serviceId, String security, byte[] request,
            Duration timeout) {
        return guarded(() -> {
            if (security != null && !security.isEmpty() && !security.equals("none")) {
                throw GatewayException.badRequest("security", "only none in the stand-in");
            }
            var client = endpoint.client(cellServer(server, port), serviceId);
            return client.withOptions(client.options().withHardTimeout(or(timeout))).call(request);
        });
    }
}
