package rxgate.gateway.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The AFS cells the gateway serves ({@code rxgate.cells[*]}) and its embedded demo cell
 * ({@code rxgate.embedded.*}), used when no cell is configured.
 */
@Validated
@ConfigurationProperties("rxgate")
public class RxgateProperties {
    /** The AFS cells the gateway talks to. */
    @Valid
    private List<Cell> cells = new ArrayList<>();

    /** The in-process demo cell. */
    @Valid
    private final Embedded embedded = new Embedded();

    public List<Cell> getCells() {
        return cells;
    }

    public void setCells(List<Cell> cells) {
        this.cells = cells;
    }

    public Embedded getEmbedded() {
        return embedded;
    }

    /** One AFS cell. */
    public static class Cell {
        /** Cell name, e.g. example.org. */
        @NotBlank
        @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]*", message = "must be a cell name (letters, digits, . _ -)")
        private String name;

        /** VL/PT database servers as host[:port] (IP literals; default ports 7003/7002). */
        @NotEmpty
        private List<@NotBlank String> dbServers = new ArrayList<>();

        /** Security level: none (rxnull). clear, auth and crypt need rxkad, which is not available yet. */
        @Pattern(regexp = "none", message = "only 'none' is supported until rxkad is implemented")
        private String security = "none";

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public List<String> getDbServers() {
            return dbServers;
        }

        public void setDbServers(List<String> dbServers) {
            this.dbServers = dbServers;
        }

        public String getSecurity() {
            return security;
        }

        public void setSecurity(String security) {
            this.security = security;
        }
    }

    /** The embedded demo cell: in-memory VL and PT servers and rxperf on loopback UDP. */
    public static class Embedded {
        /** Start it (only when no cell is configured). */
        private boolean enabled = true;

        /** Its cell name. */
        @NotBlank
        private String cellName = "demo.rxgate";

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getCellName() {
            return cellName;
        }

        public void setCellName(String cellName) {
            this.cellName = cellName;
        }
    }
}
