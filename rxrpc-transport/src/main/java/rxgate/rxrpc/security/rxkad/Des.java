package rxgate.rxrpc.security.rxkad;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * DES in PCBC mode, as rxkad seals tickets (rxkad.md §2.4, §6.1): the JDK's DES-ECB with our own
 * PCBC chaining, IV = the key bytes unless given. Lengths must be a multiple of 8.
 */
final class Des {
    private Des() {
    }

    static byte[] pcbcEncrypt(byte[] key, byte[] iv, byte[] clear) {
        return pcbc(key, iv, clear, true);
    }

    static byte[] pcbcDecrypt(byte[] key, byte[] iv, byte[] sealed) {
        return pcbc(key, iv, sealed, false);
    }

    private static byte[] pcbc(byte[] key, byte[] iv, byte[] in, boolean encrypt) {
        if (key.length != 8 || iv.length != 8) {
            throw new IllegalArgumentException("DES key and IV have 8 bytes");
        }
        if (in.length % 8 != 0) {
            throw new IllegalArgumentException("DES-PCBC length must be a multiple of 8: " + in.length);
        }
        Cipher c;
        try {
            c = Cipher.getInstance("DES/ECB/NoPadding");
            c.init(encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE, new SecretKeySpec(key, "DES"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("DES is not available in this JDK", e);
        }
        byte[] out = new byte[in.length];
        long chain = Fcrypt.getLong(iv, 0);
        byte[] block = new byte[8];
        try {
            for (int i = 0; i < in.length; i += 8) {
                long x = Fcrypt.getLong(in, i);
                if (encrypt) {
                    Fcrypt.putLong(block, 0, x ^ chain);
                    c.doFinal(block, 0, 8, out, i);
                    long y = Fcrypt.getLong(out, i);
                    chain = x ^ y;
                } else {
                    c.doFinal(in, i, 8, block, 0);
                    long p = Fcrypt.getLong(block, 0) ^ chain;
                    Fcrypt.putLong(out, i, p);
                    chain = p ^ x;
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("DES failed", e);
        } finally {
            java.util.Arrays.fill(block, (byte) 0);
        }
        return out;
    }
}
