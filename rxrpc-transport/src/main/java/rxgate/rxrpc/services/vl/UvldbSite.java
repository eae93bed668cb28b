package rxgate.rxrpc.services.vl;

import java.util.List;
import java.util.Optional;
import rxgate.rxrpc.services.AfsUuid;

/**
 * One site of a {@link UvldbEntry}. With {@link VlConstants#VLSF_UUID} set, {@code server} is the
 * fileserver's UUID and {@code unique} its address-list version (resolve with GetAddrsU);
 * without it, the IPv4 address is in the UUID's time_low word and the rest is zero
 * (afs-rpcs.md §2.3).
 */
public record UvldbSite(AfsUuid server, int unique, int partition, int flags) {

    /** Whether the site names its server by UUID. */
    public boolean hasUuid() {
        return (flags & VlConstants.VLSF_UUID) != 0;
    }

    /** The IPv4 address (as a 32-bit number) of a site without VLSF_UUID. */
    public Optional<Integer> ipv4Address() {
        return hasUuid() ? Optional.empty() : Optional.of(server.timeLow());
    }

    public String partitionName() {
        return VlPartitions.displayName(partition);
    }

    public List<String> flagNames() {
        return VlConstants.siteFlagNames(flags);
    }
}
