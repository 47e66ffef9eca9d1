package dev.sessionauth.twofactor;

/**
 * RFC 4648 base32 (the upper-case alphabet, no padding), the encoding authenticator apps read a TOTP key in. Written
 * here because no dependency we declare has it: bcrypt's transitive {@code at.favre.lib:bytes} pads its output.
 */
final class Base32 {
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private Base32() {
    }

    static String encode(byte[] data) {
        StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xFF);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET[(buffer >>> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ALPHABET[(buffer << (5 - bits)) & 31]);
        }
        return out.toString();
    }

    /**
     * The bytes of {@code text}: either case, trailing {@code =} padding tolerated (other apps write it). Refuses
     * any other character and a length or spare bits no encoder writes, so one key has one spelling.
     */
    static byte[] decode(String text) {
        String s = text.replaceFirst("=+$", "");
        int tail = s.length() % 8;
        if (tail == 1 || tail == 3 || tail == 6) {
            throw new IllegalArgumentException("not base32: impossible length");
        }
        byte[] out = new byte[s.length() * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            // ASCII only: Character.toUpperCase would also turn the dotless 'ı' into 'I'.
            int v = c >= 'A' && c <= 'Z' ? c - 'A'
                    : c >= 'a' && c <= 'z' ? c - 'a'
                    : c >= '2' && c <= '7' ? c - '2' + 26
                    : -1;
            if (v < 0) {
                throw new IllegalArgumentException("not base32: unexpected character at " + i);
            }
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                out[n++] = (byte) (buffer >>> (bits - 8));
                bits -= 8;
            }
        }
        if ((buffer & ((1 << bits) - 1)) != 0) {
            throw new IllegalArgumentException("not base32: non-zero spare bits");
        }
        return out;
    }
}
