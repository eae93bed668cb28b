package rxgate.rxrpc.services.vl;

/**
 * Partition number ↔ name: 0 = /vicepa … 25 = /vicepz, then two letters: 26 = /vicepaa,
 * 27 = /vicepab … 254 = /vicepiu (the numbering vos uses; afs-rpcs.md §2.2).
 */
public final class VlPartitions {
    /** Partition numbers are 0..MAX_PARTITION. */
    public static final int MAX_PARTITION = 254;

    private VlPartitions() {
    }

    /**
     * The name of partition {@code id}, e.g. {@code /vicepa}.
     *
     * @throws IllegalArgumentException if {@code id} is outside 0..254
     */
    public static String name(int id) {
        if (id < 0 || id > MAX_PARTITION) {
            throw new IllegalArgumentException("partition number out of range 0.." + MAX_PARTITION + ": " + id);
        }
        if (id < 26) {
            return "/vicep" + (char) ('a' + id);
        }
        int n = id - 26;
        return "/vicep" + (char) ('a' + n / 26) + (char) ('a' + n % 26);
    }

    /** {@link #name} for valid numbers, otherwise {@code "partition <id>"} (for display). */
    public static String displayName(int id) {
        return id >= 0 && id <= MAX_PARTITION ? name(id) : "partition " + id;
    }

    /**
     * Parses a partition given as a number ("0"), letters ("a", "aa"), "vicepa" or "/vicepa".
     *
     * @throws IllegalArgumentException if it is none of these or out of range
     */
    public static int parse(String s) {
        String t = s.trim();
        if (!t.isEmpty() && t.chars().allMatch(c -> c >= '0' && c <= '9')) {
            if (t.length() > 3 || Integer.parseInt(t) > MAX_PARTITION) {
                throw new IllegalArgumentException("partition number out of range 0.." + MAX_PARTITION + ": " + s);
            }
            return Integer.parseInt(t);
        }
        if (t.startsWith("/vicep")) {
            t = t.substring(6);
        } else if (t.startsWith("vicep")) {
            t = t.substring(5);
        }
        int id;
        if (t.length() == 1 && isLetter(t.charAt(0))) {
            id = t.charAt(0) - 'a';
        } else if (t.length() == 2 && isLetter(t.charAt(0)) && isLetter(t.charAt(1))) {
            id = 26 + (t.charAt(0) - 'a') * 26 + (t.charAt(1) - 'a');
        } else {
            throw new IllegalArgumentException("not a partition name: " + s);
        }
        if (id > MAX_PARTITION) {
            throw new IllegalArgumentException("partition out of range (last is /vicepiu): " + s);
        }
        return id;
    }

    private static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z';
    }
}
