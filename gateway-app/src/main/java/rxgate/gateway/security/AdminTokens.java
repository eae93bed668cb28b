package rxgate.gateway.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import rxgate.gateway.cells.Cell;
import rxgate.gateway.config.RxgateProperties;
import rxgate.gateway.config.RxgateProperties.ReadAccess;

/**
 * The gateway's own access control: administrative calls (every write, and the raw call) are
 * refused unless {@code rxgate.admin.enabled}, and then need {@code Authorization: Bearer <token>}
 * with a token from {@code rxgate.admin.token-file} (one per line; '#' comments). Reads of a cell
 * with {@code read-access: token} need such a token too. Tokens are kept only as SHA-256 digests
 * and compared in constant time; the file is read again when it changes (a rotated Kubernetes
 * Secret), at most once a second. Nothing here logs or reports a token.
 */
public final class AdminTokens {
    /** The outcome of a check. */
    public enum Verdict {
        OK, MISSING, WRONG, DISABLED
    }

    private static final String BEARER = "Bearer ";
    private final boolean enabled;
    private final Path file;
    private volatile List<byte[]> digests = List.of();
    private volatile FileTime loadedVersion;
    private volatile long checkedAtNanos;

    public AdminTokens(RxgateProperties props) {
        this.enabled = props.getAdmin().isEnabled();
        this.file = props.getAdmin().getTokenFile();
        boolean protectedReads = props.getCells().stream().anyMatch(c -> c.getReadAccess() == ReadAccess.TOKEN);
        if (protectedReads && file == null) {
            throw new IllegalStateException("a cell has read-access: token, which needs rxgate.admin.token-file");
        }
        if (file != null) {
            if (!Files.isReadable(file)) {
                throw new IllegalStateException("rxgate.admin.token-file: " + file + " does not exist or is not readable");
            }
            reload();
            if (digests.isEmpty()) {
                throw new IllegalStateException("rxgate.admin.token-file: " + file + " holds no token");
            }
        }
    }

    /** Checks the value of an Authorization header (null when absent) for an administrative call. */
    public Verdict check(String authorization) {
        if (!enabled) {
            return Verdict.DISABLED;
        }
        return token(authorization);
    }

    /** Whether a read of {@code cell} may go ahead with this Authorization header (null when absent). */
    public Verdict checkRead(Cell cell, String authorization) {
        return cell.readAccess() == ReadAccess.OPEN ? Verdict.OK : token(authorization);
    }

    private Verdict token(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return Verdict.MISSING;
        }
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Verdict.WRONG;
        }
        byte[] given = sha256(authorization.substring(BEARER.length()).strip());
        boolean match = false;
        for (byte[] d : current()) {
            match |= MessageDigest.isEqual(d, given); // no early exit: every token is compared
        }
        return match ? Verdict.OK : Verdict.WRONG;
    }

    private List<byte[]> current() {
        long now = System.nanoTime();
        if (file != null && now - checkedAtNanos > 1_000_000_000L) {
            checkedAtNanos = now;
            try {
                if (!Files.getLastModifiedTime(file).equals(loadedVersion)) {
                    reload();
                }
            } catch (IOException | UncheckedIOException e) {
                // keep the tokens loaded last: a Secret being swapped may be briefly absent
            }
        }
        return digests;
    }

    private synchronized void reload() {
        try {
            FileTime version = Files.getLastModifiedTime(file);
            List<byte[]> d = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String t = line.strip();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    d.add(sha256(t));
                }
            }
            digests = List.copyOf(d);
            loadedVersion = version;
        } catch (IOException e) {
            throw new UncheckedIOException("rxgate.admin.token-file: cannot read " + file, e);
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
