package rxgate.rxrpc.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** picocli converter for {@code HOST[:PORT]}. */
public final class ServerSpecConverter implements ITypeConverter<ServerSpec> {
    @Override
    public ServerSpec convert(String value) {
        try {
            return ServerSpec.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
