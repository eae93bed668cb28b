package rxgate.rxrpc.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rxgate.rxrpc.RxEndpoint;
import rxgate.rxrpc.services.RpcCaller;
import rxgate.rxrpc.services.pt.PtClient;
import rxgate.rxrpc.services.pt.PtEntry;

/** PT calls from rxgate to a real OpenAFS ptserver, checked against OpenAFS's own {@code pts}. */
class PtInteropIT {
    static TestCell cell;
    static RxEndpoint endpoint;
    static PtClient pt;

    @BeforeAll
    static void setUp() {
        cell = TestCell.load();
        endpoint = RxEndpoint.builder().deadTime(Duration.ofSeconds(10)).build();
        pt = new PtClient(RpcCaller.of(endpoint.client(cell.pt(), 73)));
    }

    @AfterAll
    static void tearDown() {
        endpoint.close();
    }

    private record PtsExamine(String name, int id, String owner, String creator, int membership) {
    }

    private PtsExamine ptsExamine(String nameOrId) {
        String out = OpenAfsTool.ok(60, "pts", "examine", nameOrId, "-cell", cell.cellName(), "-noauth");
        Matcher m = Pattern.compile("Name: (\\S+), id: (-?\\d+), owner: (\\S+), creator: (\\S+),\\s+membership: (\\d+)")
                .matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return new PtsExamine(m.group(1), Integer.parseInt(m.group(2)), m.group(3), m.group(4),
                Integer.parseInt(m.group(5)));
    }

    @Test
    void nameToIdAndBackMatchPts() {
        PtsExamine alice = ptsExamine("alice");
        PtsExamine bob = ptsExamine("bob");
        List<Integer> ids = pt.nameToId(List.of("alice", "bob", "nobody-here")).join();
        assertThat(ids).containsExactly(alice.id(), bob.id(), 32766);
        List<String> names = pt.idToName(List.of(alice.id(), bob.id(), 777)).join();
        assertThat(names).containsExactly("alice", "bob", "777");
    }

    @Test
    void listEntryMatchesPtsExamine() {
        for (String who : List.of("alice", "admin", "admin:staff")) {
            PtsExamine expected = ptsExamine(who);
            PtEntry e = pt.listEntry(expected.id()).join();
            assertThat(e.name()).isEqualTo(expected.name());
            assertThat(e.id()).isEqualTo(expected.id());
            assertThat(e.count()).as("membership of " + who).isEqualTo(expected.membership());
            List<String> ownerCreator = pt.idToName(List.of(e.owner(), e.creator())).join();
            assertThat(ownerCreator).containsExactly(expected.owner(), expected.creator());
        }
    }
}
