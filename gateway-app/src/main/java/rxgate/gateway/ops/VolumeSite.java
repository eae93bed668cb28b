package rxgate.gateway.ops;

import java.util.List;

/** One site of a volume: server address, partition (/vicepa), type (RW, RO, BK) and site flags. */
public record VolumeSite(String server, String partition, String type, List<String> flags) {
}
