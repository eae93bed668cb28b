package rxgate.rxrpc.services.vl;

/**
 * Client-side check of volume names before they are sent (afs-rpcs.md §2.2): 1..64 characters
 * from {@code . A-Z a-z 0-9 - _}. A name of digits only is an id to the server, and the
 * {@code .readonly}/{@code .backup} suffixes are ordinary legal characters, so both pass.
 */
public final class VlNames {

    private VlNames() {
    }

    /** Whether {@code name} is a legal volume name. */
    public static boolean isLegal(String name) {
        return problem(name) == null;
    }

    /**
     * Returns {@code name} if legal.
     *
     * @throws IllegalArgumentException naming the problem otherwise
     */
    public static String requireLegal(String name) {
        String p = problem(name);
        if (p != null) {
            throw new IllegalArgumentException(p);
        }
        return name;
    }

    private static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "volume name is empty";
        }
        if (name.length() > VlConstants.MAX_VOLUME_NAME) {
            return "volume name longer than " + VlConstants.MAX_VOLUME_NAME + " characters ("
                    + name.length() + "): " + name;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '-' || c == '_';
            if (!ok) {
                return "illegal character " + describe(c) + " at position " + (i + 1)
                        + " in volume name \"" + name + "\" (allowed: . A-Z a-z 0-9 - _)";
            }
        }
        return null;
    }

    private static String describe(char c) {
        return c >= 0x20 && c < 0x7F ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }
}
