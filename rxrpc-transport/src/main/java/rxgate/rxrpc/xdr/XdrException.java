package rxgate.rxrpc.xdr;

/**
 * XDR input that cannot be decoded: the input ended early, a length or count is larger than the
 * declared maximum, or a value is out of range. Unchecked; the service clients turn it into an
 * {@code RXGEN_CC_UNMARSHAL} call failure.
 */
public class XdrException extends RuntimeException {

    public XdrException(String message) {
        super(message);
    }

    public XdrException(String message, Throwable cause) {
        super(message, cause);
    }
}
