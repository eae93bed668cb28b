package rxgate.rxrpc.rtt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RttEstimatorTest {

    @Test
    void startsWithOneSecondRtoAndNoSamples() {
        RttEstimator r = new RttEstimator();
        assertThat(r.rtoMicros()).isEqualTo(1_000_000);
        assertThat(r.smoothedRttMicros()).isZero();
        assertThat(r.sampleCount()).isZero();
    }

    @Test
    void firstSampleSetsSrttAndHalfVariance() {
        RttEstimator r = new RttEstimator();
        r.addSample(100_000, 1);
        assertThat(r.smoothedRttMicros()).isEqualTo(100_000);
        assertThat(r.rttVarMicros()).isEqualTo(50_000);
        // srtt + 4 * rttvar = 300 ms
        assertThat(r.rtoMicros()).isEqualTo(300_000);
    }

    @Test
    void convergesOnAStablePathAndRespectsTheFloor() {
        RttEstimator r = new RttEstimator();
        for (int i = 0; i < 200; i++) {
            r.addSample(500, i);
        }
        assertThat(r.smoothedRttMicros()).isBetween(490L, 510L);
        assertThat(r.rtoMicros()).isEqualTo(RttEstimator.MIN_RTO_MICROS);
    }

    @Test
    void followsAnRttIncreaseWithinAFewSamples() {
        RttEstimator r = new RttEstimator();
        for (int i = 0; i < 50; i++) {
            r.addSample(10_000, i);
        }
        for (int i = 0; i < 40; i++) {
            r.addSample(400_000, i);
        }
        assertThat(r.smoothedRttMicros()).isGreaterThan(390_000);
        assertThat(r.rtoMicros()).isGreaterThan(400_000);
    }

    @Test
    void backoffDoublesUntilTheCapAndASampleResetsIt() {
        RttEstimator r = new RttEstimator();
        r.addSample(100_000, 1);
        long base = r.rtoMicros();
        r.backOff();
        assertThat(r.rtoMicros()).isEqualTo(2 * base);
        r.backOff();
        assertThat(r.rtoMicros()).isEqualTo(4 * base);
        for (int i = 0; i < 30; i++) {
            r.backOff();
        }
        assertThat(r.rtoMicros()).isEqualTo(RttEstimator.MAX_RTO_MICROS);
        r.addSample(100_000, 2);
        assertThat(r.rtoMicros()).isLessThan(base * 2);
    }
}
