package rxgate.gateway.ops;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** STAND-IN (see {@link GatewayException}): protection database reads and writes. */
public interface PtOps {
    CompletableFuture<PtEntryInfo> get(String cell, String nameOrId, Duration timeout);

    CompletableFuture<List<PtName>> members(String cell, String nameOrId, Duration timeout);

    CompletableFuture<List<PtName>> groups(String cell, String nameOrId, Duration timeout);

    CompletableFuture<PtEntryInfo> createUser(String cell, String name, Integer id, Duration timeout);

    CompletableFuture<PtEntryInfo> createGroup(String cell, String name, String owner, Duration timeout);

    CompletableFuture<Void> delete(String cell, String nameOrId, Duration timeout);

    CompletableFuture<Void> addMember(String cell, String group, String name, Duration timeout);

    CompletableFuture<Void> removeMember(String cell, String group, String name, Duration timeout);
}
