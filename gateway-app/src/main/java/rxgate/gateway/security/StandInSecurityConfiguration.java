package rxgate.gateway.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * STAND-IN (see {@link AdminTokens}): {@code rxgate.admin.enabled} and
 * {@code rxgate.admin.token-file} (one token per line), until main's admin access lands.
 */
@Configuration(proxyBeanMethods = false)
class StandInSecurityConfiguration {

    @Bean
    AdminTokens adminTokens(@Value("${rxgate.admin.enabled:false}") boolean enabled,
            @Value("${rxgate.admin.token-file:}") String tokenFile) throws IOException {
        if (!enabled) {
            return new AdminTokens();
        }
        java.util.List<byte[]> tokens = Files.readAllLines(Path.of(tokenFile)).stream().map(String::strip)
                .filter(s -> !s.isEmpty()).map(s -> s.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toList();
        return new AdminTokens() {
            @Override
            public Verdict check(String header) {
                if (header == null || !header.startsWith("Bearer ")) {
                    return Verdict.MISSING;
                }
                byte[] given = header.substring(7).strip().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                boolean ok = false;
                for (byte[] t : tokens) {
                    ok |= java.security.MessageDigest.isEqual(t, given);
                }
                return ok ? Verdict.OK : Verdict.WRONG;
            }
        };
    }
}
