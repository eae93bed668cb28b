package rxgate.gateway.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** Settings of the gateway's RxRPC endpoint ({@code rxgate.transport.*}). */
@Validated
@ConfigurationProperties("rxgate.transport")
public class TransportProperties {
    /** Local UDP port of the RxRPC endpoint (0 = ephemeral). */
    @Min(0)
    @Max(65535)
    private int port = 0;

    /** A call that hears nothing from its server this long fails with RX_CALL_DEAD. */
    @NotNull
    private Duration deadTime = Duration.ofSeconds(12);

    /** Client calls in progress at once; more fail at once. */
    @Min(1)
    private int maxCalls = 10_000;

    /**
     * Every this often, a packet goes to each fileserver in use so that a NAT between the gateway
     * and the cell keeps its mapping for the callbacks (0 = off).
     */
    @NotNull
    private Duration natKeepalive = Duration.ZERO;

    public Duration getNatKeepalive() {
        return natKeepalive;
    }

    public void setNatKeepalive(Duration natKeepalive) {
        this.natKeepalive = natKeepalive;
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public Duration getDeadTime() {
        return deadTime;
    }

    public void setDeadTime(Duration deadTime) {
        this.deadTime = deadTime;
    }

    public int getMaxCalls() {
        return maxCalls;
    }

    public void setMaxCalls(int maxCalls) {
        this.maxCalls = maxCalls;
    }
}
