package rxgate.gateway.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The gateway's settings under {@code rxgate.*}: the AFS cells it serves, its embedded demo cell
 * (used when no cell is configured), administrative access, the connection pool, call time
 * limits, the rxdebug allow-list, file transfer limits and shutdown.
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

    /** Administrative endpoints (every write and the raw call). */
    @Valid
    private final Admin admin = new Admin();

    /** The pooled RxRPC connections to servers. */
    @Valid
    private final Pool pool = new Pool();

    /** Time limits of calls. */
    @Valid
    private final Call call = new Call();

    /** What the rxdebug endpoint may query. */
    @Valid
    private final Debug debug = new Debug();

    /** File transfers. */
    @Valid
    private final Files files = new Files();

    /** Graceful shutdown. */
    @Valid
    private final Shutdown shutdown = new Shutdown();

    public List<Cell> getCells() {
        return cells;
    }

    public void setCells(List<Cell> cells) {
        this.cells = cells;
    }

    public Embedded getEmbedded() {
        return embedded;
    }

    public Admin getAdmin() {
        return admin;
    }

    public Pool getPool() {
        return pool;
    }

    public Call getCall() {
        return call;
    }

    public Debug getDebug() {
        return debug;
    }

    public Files getFiles() {
        return files;
    }

    public Shutdown getShutdown() {
        return shutdown;
    }

    /** Who may read a cell through the gateway. */
    public enum ReadAccess {
        /** Anyone who reaches the gateway. */
        OPEN,
        /** Only requests with an administrative bearer token. */
        TOKEN
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

        /** Security level of calls to the cell's servers: none (rxnull), or rxkad clear, auth or crypt. */
        @Pattern(regexp = "none|clear|auth|crypt", message = "must be one of none, clear, auth, crypt")
        private String security = "none";

        /** The cell's KeyFile, for rxkad tickets made like OpenAFS's -localauth (principal afs). */
        private Path keyFile;

        /**
         * With key-file: the principal the gateway's tickets name (default afs, the superuser of
         * OpenAFS's -localauth). Name a member of system:administrators to get its ACL rights on
         * files too: the fileserver grants "afs" no rights an ACL does not give.
         */
        @Pattern(regexp = "[A-Za-z0-9_.-]{1,63}", message = "must be a principal name (letters, digits, _ . -)")
        private String principal = "afs";

        /** Key version to use from the KeyFile (default: the highest). */
        @Min(0)
        private Integer kvno;

        /** Alternative to key-file: a user's rxkad token file (session key, kvno, ticket, expiry). */
        private Path tokenFile;

        /** Whether reads of this cell need an administrative bearer token. */
        @NotNull
        private ReadAccess readAccess = ReadAccess.OPEN;

        @AssertTrue(message = "security clear, auth and crypt need key-file or token-file")
        public boolean isCredentialsGivenForRxkad() {
            return "none".equals(security) || keyFile != null || tokenFile != null;
        }

        @AssertTrue(message = "key-file and token-file exclude each other")
        public boolean isOneCredentialSource() {
            return keyFile == null || tokenFile == null;
        }

        @AssertTrue(message = "kvno needs key-file")
        public boolean isKvnoWithKeyFile() {
            return kvno == null || keyFile != null;
        }

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

        public Path getKeyFile() {
            return keyFile;
        }

        public void setKeyFile(Path keyFile) {
            this.keyFile = keyFile;
        }

        public String getPrincipal() {
            return principal;
        }

        public void setPrincipal(String principal) {
            this.principal = principal;
        }

        public Integer getKvno() {
            return kvno;
        }

        public void setKvno(Integer kvno) {
            this.kvno = kvno;
        }

        public Path getTokenFile() {
            return tokenFile;
        }

        public void setTokenFile(Path tokenFile) {
            this.tokenFile = tokenFile;
        }

        public ReadAccess getReadAccess() {
            return readAccess;
        }

        public void setReadAccess(ReadAccess readAccess) {
            this.readAccess = readAccess;
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

    /** Administrative endpoints: off unless enabled, then behind bearer tokens. */
    public static class Admin {
        /** Serve the write endpoints (PT create/delete, file PUT/DELETE, raw call). */
        private boolean enabled = false;

        /** File with one bearer token per line (blank lines and lines starting with # ignored). */
        private Path tokenFile;

        @AssertTrue(message = "rxgate.admin.enabled needs rxgate.admin.token-file")
        public boolean isTokenFileGivenWhenEnabled() {
            return !enabled || tokenFile != null;
        }

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Path getTokenFile() {
            return tokenFile;
        }

        public void setTokenFile(Path tokenFile) {
            this.tokenFile = tokenFile;
        }
    }

    /** Limits of the pooled connections (the endpoint multiplexes 4 calls on each). */
    public static class Pool {
        /** Connections to one server and service (each carries 4 calls at once). */
        @Min(1)
        private int maxConnectionsPerServer = 8;

        /** Calls queued for a free channel to one server before new ones fail at once. */
        @Min(0)
        private int maxWaitingCallsPerServer = 256;

        /** Servers (peers) the gateway keeps state for. */
        @Min(1)
        private int maxServers = 1024;

        /** A connection with no call for this long is closed. */
        @NotNull
        private Duration idleTimeout = Duration.ofSeconds(60);

        /**
         * Every this often each database server gets a VL_ProbeServer through its circuit breaker
         * (a dead server's breaker opens and a recovered one's closes even when no request
         * reaches it); the latest result is the server's health.
         */
        @NotNull
        private Duration probeInterval = Duration.ofSeconds(10);

        @AssertTrue(message = "probe-interval must be at least 100ms")
        public boolean isProbeIntervalValid() {
            return probeInterval == null || probeInterval.toMillis() >= 100;
        }

        public Duration getProbeInterval() {
            return probeInterval;
        }

        public void setProbeInterval(Duration probeInterval) {
            this.probeInterval = probeInterval;
        }

        public int getMaxConnectionsPerServer() {
            return maxConnectionsPerServer;
        }

        public void setMaxConnectionsPerServer(int n) {
            this.maxConnectionsPerServer = n;
        }

        public int getMaxWaitingCallsPerServer() {
            return maxWaitingCallsPerServer;
        }

        public void setMaxWaitingCallsPerServer(int n) {
            this.maxWaitingCallsPerServer = n;
        }

        public int getMaxServers() {
            return maxServers;
        }

        public void setMaxServers(int n) {
            this.maxServers = n;
        }

        public Duration getIdleTimeout() {
            return idleTimeout;
        }

        public void setIdleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
        }
    }

    /** Time limits of calls; a request's own deadline (gRPC) is used when it is shorter. */
    public static class Call {
        /** Whole request limit (all attempts and fail-over included). */
        @NotNull
        private Duration timeout = Duration.ofSeconds(30);

        /** A file transfer that moves no data for this long fails (RX_CALL_TIMEOUT). */
        @NotNull
        private Duration transferIdleTimeout = Duration.ofSeconds(60);

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        public Duration getTransferIdleTimeout() {
            return transferIdleTimeout;
        }

        public void setTransferIdleTimeout(Duration d) {
            this.transferIdleTimeout = d;
        }
    }

    /** The rxdebug endpoint: servers of configured cells, plus these. */
    public static class Debug {
        /** Extra servers (IP[:port]) the rxdebug endpoint may query. */
        private List<@NotBlank String> allowedServers = new ArrayList<>();

        public List<String> getAllowedServers() {
            return allowedServers;
        }

        public void setAllowedServers(List<String> allowedServers) {
            this.allowedServers = allowedServers;
        }
    }

    /** File transfers through the gateway. */
    public static class Files {
        /** Largest file a PUT may store. */
        @NotNull
        private DataSize maxUploadSize = DataSize.ofGigabytes(16);

        public DataSize getMaxUploadSize() {
            return maxUploadSize;
        }

        public void setMaxUploadSize(DataSize maxUploadSize) {
            this.maxUploadSize = maxUploadSize;
        }
    }

    /** Graceful shutdown: calls still running this long after it starts are aborted. */
    public static class Shutdown {
        /** How long calls in flight may run on after shutdown starts. */
        @NotNull
        private Duration abortAfter = Duration.ofSeconds(15);

        public Duration getAbortAfter() {
            return abortAfter;
        }

        public void setAbortAfter(Duration abortAfter) {
            this.abortAfter = abortAfter;
        }
    }
}
