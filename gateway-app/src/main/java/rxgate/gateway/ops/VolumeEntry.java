package rxgate.gateway.ops;

import java.util.List;
import rxgate.rxrpc.services.vl.NvldbEntry;

/** A VLDB entry: name, read-write/read-only/backup ids (null when absent), sites and flags. */
public record VolumeEntry(String name, long rwId, Long roId, Long backupId, List<VolumeSite> sites,
        List<String> flags) {

    static VolumeEntry of(NvldbEntry e) {
        List<VolumeSite> sites = e.sites().stream().map(s -> new VolumeSite(s.addressString(), s.partitionName(),
                s.isRw() ? "RW" : s.isRo() ? "RO" : s.isBackup() ? "BK" : "?", s.flagNames())).toList();
        return new VolumeEntry(e.name(), e.rwId(), e.hasRo() ? e.roId() : null, e.hasBackup() ? e.backupId() : null,
                sites, e.flagNames());
    }
}
