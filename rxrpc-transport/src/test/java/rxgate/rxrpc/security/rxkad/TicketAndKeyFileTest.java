package rxgate.rxrpc.security.rxkad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static rxgate.rxrpc.security.rxkad.FcryptTest.hex;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** KeyFile, tickets (rxkad.md §6, §8.1, §10.2) and token files. */
class TicketAndKeyFileTest {
    private static final byte[] SERVER_KEY = hex("5ea13d7f9204d62a");
    private static final byte[] SESSION_KEY = hex("408c16e53b79f20d");

    @TempDir
    Path dir;

    @Test
    void keyFileExampleParses() throws IOException {
        Path p = dir.resolve("KeyFile");
        Files.write(p, hex("00000001 00000003 5ea13d7f9204d62a"));
        KeyFile kf = KeyFile.read(p);
        assertThat(kf.keys()).hasSize(1);
        assertThat(kf.get(3).keyBytes()).isEqualTo(SERVER_KEY);
        assertThat(kf.latest().kvno()).isEqualTo(3);
        assertThat(kf.encode()).isEqualTo(Files.readAllBytes(p));
        assertThat(kf.toString() + kf.get(3)).doesNotContain("5ea13d7f").doesNotContainIgnoringCase("5EA1");
    }

    @Test
    void keyFileSelectsByKvnoAndPicksTheLatest() {
        KeyFile kf = KeyFile.of(List.of(new ServerKey(3, new byte[8]), new ServerKey(7, SERVER_KEY),
                new ServerKey(5, new byte[8])));
        KeyFile again = KeyFile.parse(kf.encode());
        assertThat(again.latest().kvno()).isEqualTo(7);
        assertThat(again.get(5).kvno()).isEqualTo(5);
        assertThatThrownBy(() -> again.get(4)).hasMessageContaining("no key with kvno 4").hasMessageContaining("[3, 7, 5]");
    }

    @Test
    void keyFileErrorsAreClear() throws IOException {
        assertThatThrownBy(() -> KeyFile.read(dir.resolve("nope"))).isInstanceOf(IOException.class)
                .hasMessageContaining("does not exist");
        Path p = dir.resolve("short");
        Files.write(p, hex("00000002 00000003 5ea13d7f9204d62a"));
        assertThatThrownBy(() -> KeyFile.read(p)).isInstanceOf(IOException.class).hasMessageContaining("truncated")
                .hasMessageNotContaining("5ea1");
        Files.write(p, hex("00001000"));
        assertThatThrownBy(() -> KeyFile.read(p)).hasMessageContaining("bad key count");
        Files.write(p, hex("0000"));
        assertThatThrownBy(() -> KeyFile.read(p)).hasMessageContaining("too short");
    }

    @Test
    void localAuthTicketOf10_2() {
        Ticket t = new Ticket("afs", "", "", 0, SESSION_KEY, 0xFF, 0, "afs", "");
        assertThat(HexFormat.of().formatHex(t.encodeClear()))
                .isEqualTo("0061667300000000000000408c16e53b79f20dff000000006166730000000000");
        ServerKey key = new ServerKey(3, SERVER_KEY);
        byte[] sealed = t.seal(key);
        assertThat(HexFormat.of().formatHex(sealed))
                .isEqualTo("eeb18074037308839844372f3e6e746377c2d71febbf74b1a5396c4ffbe25aac");
        Ticket back = Ticket.unseal(sealed, key);
        assertThat(back.name()).isEqualTo("afs");
        assertThat(back.sessionKey()).isEqualTo(SESSION_KEY);
        assertThat(back.end()).isEqualTo(0xFFFFFFFFL);
        assertThat(t.toString()).doesNotContain("408c");
        assertThatThrownBy(() -> Ticket.unseal(sealed, new ServerKey(3, hex("0123456789abcdef"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lifetimes() {
        assertThat(Ticket.timeToLife(300)).isEqualTo(1);
        assertThat(Ticket.timeToLife(301)).isEqualTo(2);
        assertThat(Ticket.timeToLife(38100)).isEqualTo(127);
        assertThat(Ticket.timeToLife(38101)).isEqualTo(0x80);
        assertThat(Ticket.timeToLife(38400)).isEqualTo(0x80);
        assertThat(Ticket.timeToLife(30L * 86400)).isEqualTo(0xBF);
        assertThat(Ticket.lifeToTime(1000, 0x80)).isEqualTo(1000 + 38400);
        assertThat(Ticket.lifeToTime(1000, 0xC5)).isEqualTo(1000 + 2592000);
        assertThat(Ticket.lifeToTime(1000, 2)).isEqualTo(1600);
        assertThatThrownBy(() -> Ticket.timeToLife(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ticket.timeToLife(31L * 86400)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void forgedTicketsCarryTheSessionKeyAndLifetime() {
        ServerKey key = new ServerKey(1, SERVER_KEY);
        Clock clock = Clock.fixed(Instant.ofEpochSecond(1_800_000_000L), ZoneOffset.UTC);
        Token tok = Token.localAuth(key, "afs", Duration.ofHours(1), clock);
        Ticket t = Ticket.unseal(tok.ticket(), key);
        assertThat(t.sessionKey()).isEqualTo(tok.sessionKey());
        assertThat(t.start()).isEqualTo(1_800_000_000L);
        assertThat(tok.expires()).isEqualTo(1_800_000_000L + 3600);
        assertThat(tok.kvno()).isEqualTo(1);
        assertThat(tok.ticket()).hasSize(32);
        Token never = Token.localAuth(KeyFile.of(List.of(key)));
        assertThat(never.neverExpires()).isTrue();
        assertThat(never.expired(clock)).isFalse();
        assertThat(Ticket.unseal(never.ticket(), key).start()).isZero();
        for (byte b : never.sessionKey()) {
            assertThat(Integer.bitCount(b & 0xFF) % 2).as("odd parity").isEqualTo(1);
        }
    }

    @Test
    void tokenFileRoundTripsAndKeepsSecretsOutOfMessages() throws IOException {
        Token tok = new Token("afs", 3, SESSION_KEY, hex("eeb18074037308839844372f3e6e746377c2d71febbf74b1a5396c4ffbe25aac"),
                1_900_000_000L);
        Path p = dir.resolve("token");
        tok.write(p);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).isEqualTo("rw-------");
        assertThat(Token.read(p)).isEqualTo(tok);
        assertThat(tok.toString()).contains("kvno=3").doesNotContain("408c16e5").doesNotContain("eeb18074");
        Files.writeString(p, "kvno=3\nsession-key=408c16e53b79f20d\nticket=eeb1\nexpires=never\n");
        assertThatThrownBy(() -> Token.read(p)).isInstanceOf(IOException.class).hasMessageContaining("ticket has 32")
                .hasMessageNotContaining("408c16e5");
        Files.writeString(p, "kvno=3\nsession-key=408c16e53b79f2\nticket=eeb18074037308839844372f3e6e746377c2d71febbf74b1a5396c4ffbe25aac\nexpires=never\n");
        assertThatThrownBy(() -> Token.read(p)).hasMessageContaining("session-key").hasMessageNotContaining("408c16e5");
        Files.writeString(p, "kvno=3\nsecret=1\n");
        assertThatThrownBy(() -> Token.read(p)).hasMessageContaining("unknown key 'secret'");
        Files.writeString(p, "# only a comment\n");
        assertThatThrownBy(() -> Token.read(p)).hasMessageContaining("has no 'kvno'");
        Token never = Token.read(writeNever(p));
        assertThat(never.neverExpires()).isTrue();
    }

    private static Path writeNever(Path p) throws IOException {
        Files.writeString(p, Token.FILE_HEADER + "\nprincipal=afs\nkvno=3   # the kvno\n"
                + "session-key=408c16e53b79f20d\n"
                + "ticket=eeb18074037308839844372f3e6e746377c2d71febbf74b1a5396c4ffbe25aac\nexpires=never\n");
        return p;
    }
}
