package rxgate.rxrpc.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rxgate.rxrpc.RxCallException;
import rxgate.rxrpc.RxEndpoint;
import rxgate.rxrpc.services.RpcCaller;
import rxgate.rxrpc.services.vl.NvldbEntry;
import rxgate.rxrpc.services.vl.VlClient;
import rxgate.rxrpc.services.vl.VlSite;

/** VL calls from rxgate to a real OpenAFS vlserver, checked against OpenAFS's own {@code vos}. */
class VlInteropIT {
    static TestCell cell;
    static RxEndpoint endpoint;
    static VlClient vl;

    @BeforeAll
    static void setUp() {
        cell = TestCell.load();
        endpoint = RxEndpoint.builder().deadTime(Duration.ofSeconds(10)).build();
        vl = new VlClient(RpcCaller.of(endpoint.client(cell.vl(), 52)));
    }

    @AfterAll
    static void tearDown() {
        endpoint.close();
    }

    @Test
    void probeServerSucceeds() {
        vl.probe().join();
    }

    @Test
    void getEntryByNameMatchesVosListvldb() {
        String name = cell.get("RXG_VOL");
        NvldbEntry e = vl.getEntryByName(name).join();
        String vos = OpenAfsTool.ok(60, "vos", "listvldb", "-name", name, "-cell", cell.cellName(),
                "-noauth", "-noresolve");
        Matcher rw = Pattern.compile("RWrite:\\s+(\\d+)").matcher(vos);
        assertThat(rw.find()).as(vos).isTrue();
        assertThat(e.name()).isEqualTo(name);
        assertThat(e.rwId()).isEqualTo(Long.parseLong(rw.group(1)));
        assertThat(e.rwId()).isEqualTo(Long.parseLong(cell.get("RXG_VOL_ID")));
        Matcher sites = Pattern.compile("number of sites -> (\\d+)").matcher(vos);
        assertThat(sites.find()).isTrue();
        assertThat(e.sites()).hasSize(Integer.parseInt(sites.group(1)));
        Matcher site = Pattern.compile("server (\\S+) partition (\\S+) RW Site").matcher(vos);
        assertThat(site.find()).as(vos).isTrue();
        VlSite s = e.sites().get(0);
        assertThat(s.addressString()).isEqualTo(site.group(1));
        assertThat(s.partitionName()).isEqualTo(site.group(2));
        assertThat(s.isRw()).isTrue();
        assertThat(e.hasRw()).isTrue();
    }

    @Test
    void getEntryByIdFindsTheSameVolume() {
        long id = Long.parseLong(cell.get("RXG_ROOT_VOL_ID"));
        NvldbEntry e = vl.getEntryById(id, 0).join();
        assertThat(e.name()).isEqualTo(cell.get("RXG_ROOT_VOL"));
        assertThat(e.rwId()).isEqualTo(id);
    }

    @Test
    void aMissingVolumeIsVlNoent() {
        String vos = OpenAfsTool.run(60, "vos", "listvldb", "-name", "no.such.volume", "-cell", cell.cellName(),
                "-noauth", "-noresolve").output();
        assertThat(vos).containsIgnoringCase("no such entry");
        assertThatThrownBy(() -> vl.getEntryByName("no.such.volume").join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(RxCallException.class, ex -> {
                    assertThat(ex.code()).isEqualTo(363524);
                    assertThat(ex.codeName()).isEqualTo("VL_NOENT");
                    assertThat(ex.getMessage()).contains("VL_NOENT");
                });
    }
}
