package rxgate.gateway.api;

/**
 * One byte range of a {@code Range: bytes=...} header against a file of {@code size} bytes
 * (RFC 9110 §14): {@code first-last}, {@code first-}, or a suffix {@code -n}. Several ranges are
 * not served (the whole file is, as RFC 9110 allows); an unsatisfiable range is reported.
 *
 * @param first  first byte
 * @param length bytes from first
 */
record ByteRange(long first, long length) {

    /** Thrown for a range that selects nothing of the file (answered 416). */
    static final class Unsatisfiable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsatisfiable() {
            super(null, null, false, false);
        }
    }

    /** The range the header asks for, or null to send the whole file (no header, or not one we serve). */
    static ByteRange parse(String header, long size) {
        if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0) {
            return null;
        }
        String spec = header.substring("bytes=".length()).strip();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            if (dash == 0) {
                long n = Long.parseLong(spec.substring(1));
                if (n <= 0 || size == 0) {
                    throw new Unsatisfiable();
                }
                long len = Math.min(n, size);
                return new ByteRange(size - len, len);
            }
            long first = Long.parseLong(spec.substring(0, dash));
            String lastText = spec.substring(dash + 1);
            long last = lastText.isEmpty() ? size - 1 : Math.min(Long.parseLong(lastText), size - 1);
            if (first >= size || first < 0) {
                throw new Unsatisfiable();
            }
            if (last < first) {
                return null; // syntactically invalid: ignored
            }
            return new ByteRange(first, last - first + 1);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    String contentRange(long size) {
        return "bytes " + first + "-" + (first + length - 1) + "/" + size;
    }
}
