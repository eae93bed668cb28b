package rxgate.rxrpc.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code rxgate-cli rxdebug} (the real launcher and jar) against each OpenAFS server, beside
 * OpenAFS's own {@code rxdebug}: the same lines, the same version string, and packet counters
 * that lie between two OpenAFS readings taken just before and just after ours.
 */
class RxdebugInteropIT {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).resolve("..").normalize();
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    private static String[] rxgateCli(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ROOT.resolve("bin/rxgate-cli").toString());
        cmd.addAll(List.of(args));
        return cmd.toArray(new String[0]);
    }

    @ParameterizedTest(name = "port {0}")
    @ValueSource(ints = {7000, 7002, 7003, 7005})
    void versionMatchesOpenAfsRxdebug(int port) {
        TestCell cell = TestCell.load();
        String host = cell.get("RXG_SERVER");
        String theirs = OpenAfsTool.ok(60, "rxdebug", host, Integer.toString(port), "-version");
        String ours = OpenAfsTool.ok(60, rxgateCli("rxdebug", host, Integer.toString(port), "--version"));
        assertThat(ours.strip()).isEqualTo(theirs.strip());
        assertThat(ours).contains("AFS version: OpenAFS 1.8");
    }

    @ParameterizedTest(name = "port {0}")
    @ValueSource(ints = {7000, 7002, 7003, 7005})
    void statisticsMatchOpenAfsRxdebug(int port) {
        TestCell cell = TestCell.load();
        String host = cell.get("RXG_SERVER");
        String p = Integer.toString(port);
        String before = OpenAfsTool.ok(60, "rxdebug", host, p, "-rxstats", "-noconns");
        String ours = OpenAfsTool.ok(60, rxgateCli("rxdebug", host, p, "--rxstats", "--noconns"));
        String after = OpenAfsTool.ok(60, "rxdebug", host, p, "-rxstats", "-noconns");

        assertThat(shape(ours)).as("same lines, numbers aside").isEqualTo(shape(before));
        List<Double> lo = numbers(before);
        List<Double> mid = numbers(ours);
        List<Double> hi = numbers(after);
        assertThat(mid).hasSameSizeAs(lo);
        int counters = 0;
        for (int i = 0; i < mid.size(); i++) {
            double a = Math.min(lo.get(i), hi.get(i));
            double b = Math.max(lo.get(i), hi.get(i));
            assertThat(mid.get(i)).as("value %d of\n%s", i, ours).isBetween(a, b);
            if (b > 0) {
                counters++;
            }
        }
        assertThat(counters).as("the server has real traffic to report").isGreaterThan(5);
    }

    /** The text with every number replaced by '#'. */
    private static List<String> shape(String out) {
        List<String> lines = new ArrayList<>();
        for (String line : out.strip().split("\n")) {
            lines.add(NUMBER.matcher(line).replaceAll("#"));
        }
        return lines;
    }

    private static List<Double> numbers(String out) {
        List<Double> n = new ArrayList<>();
        Matcher m = NUMBER.matcher(out);
        while (m.find()) {
            n.add(Double.parseDouble(m.group()));
        }
        return n;
    }
}
