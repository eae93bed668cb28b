package rxgate.gateway.api;

/** A 404 that is not an AFS abort (e.g. an unknown cell), with the name of what was missing. */
public class NotFoundException extends RuntimeException {
    private final String errorName;
    private final int code;

    public NotFoundException(String errorName, int code, String detail) {
        super(detail);
        this.errorName = errorName;
        this.code = code;
    }

    public String errorName() {
        return errorName;
    }

    public int code() {
        return code;
    }
}
