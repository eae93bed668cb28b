package rxgate.gateway.api;

/** A 400 naming the request field that is wrong. */
public class BadRequestException extends RuntimeException {
    private final String field;

    public BadRequestException(String field, String detail) {
        super(detail);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
