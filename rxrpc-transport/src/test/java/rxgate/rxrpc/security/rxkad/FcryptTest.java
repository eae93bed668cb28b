package rxgate.rxrpc.security.rxkad;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** fcrypt and DES-PCBC against the vectors of rxkad.md §2.1, §10.1, §10.3. */
class FcryptTest {
    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static byte[] pcbc(String key, String iv, byte[] plain) {
        byte[] buf = plain.clone();
        Fcrypt.of(hex(key)).pcbcEncrypt(buf, Fcrypt.getLong(hex(iv), 0));
        return buf;
    }

    private static byte[] foxPlaintext() {
        return Arrays.copyOf("The quick brown fox jumps over the lazy dogs.".getBytes(StandardCharsets.US_ASCII), 48);
    }

    @Test
    void keyScheduleOfVector2() {
        int[] sk = Fcrypt.of(hex("11 44 77 AA DD 00 33 66")).subkeys();
        int[] expected = {0x5DC00CB3, 0x3BABB801, 0x42277577, 0x598844EE, 0x00CB3108, 0xBB801966, 0x77577003,
            0x844EEAEE, 0xB31089DD, 0x01966211, 0x770032CC, 0xEEAEE006, 0x089DD5DC, 0x662113BA, 0x032CC422,
            0xEE006598};
        assertThat(sk).containsExactly(expected);
    }

    @Test
    void vector1ZeroKey() {
        assertThat(hex(pcbc("0000000000000000", "0000000000000000", new byte[8]))).isEqualTo("0e0900c73ef7ed41");
        assertThat(Fcrypt.of(new byte[8]).encrypt(0L)).isEqualTo(0x0E0900C73EF7ED41L);
    }

    @Test
    void vector2() {
        assertThat(hex(pcbc("114477AADD003366", "0000000000000000", hex("123456789ABCDEF0"))))
                .isEqualTo("d8ed787477ec0680");
    }

    @Test
    void vector3And4Pcbc() {
        assertThat(hex(pcbc("F0E1D2C3B4A59687", "FEDCBA9876543210", foxPlaintext()))).isEqualTo(
                "00f00e1175e62382eeac98624451e484c359d8aa6460aef7d2d9137972a3450323b562d70cf527d1f8913cac442292ef");
        assertThat(hex(pcbc("FEDCBA9876543210", "F0E1D2C3B4A59687", foxPlaintext()))).isEqualTo(
                "ca90f59dcbd4d23c01887f3e316e629dd8e057a3063a42582a28fe72522fdde01989091c2a8e8c94fcc768e488aade0f");
    }

    @Test
    void pcbcDecryptInvertsEncrypt() {
        Fcrypt f = Fcrypt.of(hex("F0E1D2C3B4A59687"));
        byte[] buf = foxPlaintext();
        f.pcbcEncrypt(buf, 0x1234L);
        f.pcbcDecrypt(buf, 0x1234L);
        assertThat(buf).isEqualTo(foxPlaintext());
        for (long x : new long[] {0, -1, 0x0123456789ABCDEFL}) {
            assertThat(f.decrypt(f.encrypt(x))).isEqualTo(x);
        }
    }

    @Test
    void sessionKeyScheduleOf10_2() {
        int[] sk = Fcrypt.of(hex("408c16e53b79f20d")).subkeys();
        int[] expected = {0x23af3c86, 0x0be475e7, 0x04617c8e, 0x43208c2f, 0xf3c86411, 0x475e790c, 0x17c8ebcf,
            0x08c2f91d, 0x8641185f, 0xe790c823, 0x8ebcf219, 0x2f91d79e, 0x1185f23a, 0x0c8230be, 0xcf219046,
            0x1d79e432};
        assertThat(sk).containsExactly(expected);
    }

    @Test
    void desPcbcMatchesTheJdkAndTheTicketVector() throws Exception {
        byte[] key = hex("5ea13d7f9204d62a");
        byte[] clear = hex("0061667300000000000000408c16e53b79f20dff000000006166730000000000");
        byte[] sealed = Des.pcbcEncrypt(key, key, clear);
        assertThat(hex(sealed)).isEqualTo("eeb18074037308839844372f3e6e746377c2d71febbf74b1a5396c4ffbe25aac");
        Cipher jdk = Cipher.getInstance("DES/PCBC/NoPadding");
        jdk.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "DES"), new IvParameterSpec(key));
        assertThat(jdk.doFinal(clear)).isEqualTo(sealed);
        assertThat(Des.pcbcDecrypt(key, key, sealed)).isEqualTo(clear);
    }
}
