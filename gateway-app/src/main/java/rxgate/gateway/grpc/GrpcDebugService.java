package rxgate.gateway.grpc;

import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.grpc.stub.StreamObserver;
import java.util.Collection;
import java.util.Map;
import org.springframework.stereotype.Service;
import rxgate.gateway.grpc.v1.DebugInfo;
import rxgate.gateway.grpc.v1.DebugServiceGrpc;
import rxgate.gateway.grpc.v1.GetDebugRequest;
import rxgate.gateway.ops.DebugOps;

/** rxgate.v1.DebugService over {@link DebugOps} (which refuses hosts outside the configured cells). */
@Service
public class GrpcDebugService extends DebugServiceGrpc.DebugServiceImplBase {
    private final DebugOps debug;

    public GrpcDebugService(DebugOps debug) {
        this.debug = debug;
    }

    @Override
    public void getDebug(GetDebugRequest request, StreamObserver<DebugInfo> reply) {
        UnaryReply.send(reply, () -> debug.debug(request.getHost(), request.getPort(), CallDeadline.remaining()),
                info -> {
                    DebugInfo.Builder b = DebugInfo.newBuilder().setVersion(info.version())
                            .putAllStatistics(info.statistics());
                    info.peers().forEach(p -> b.addPeers(toStruct(p)));
                    info.connections().forEach(c -> b.addConnections(toStruct(c)));
                    return b.build();
                });
    }

    static Struct toStruct(Map<String, ?> map) {
        Struct.Builder b = Struct.newBuilder();
        map.forEach((k, v) -> b.putFields(k, toValue(v)));
        return b.build();
    }

    /** A JSON-like value: numbers, strings, booleans, maps and lists as such, anything else as its text. */
    static Value toValue(Object v) {
        if (v == null) {
            return Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
        }
        if (v instanceof Number n) {
            return Value.newBuilder().setNumberValue(n.doubleValue()).build();
        }
        if (v instanceof Boolean bool) {
            return Value.newBuilder().setBoolValue(bool).build();
        }
        if (v instanceof Map<?, ?> m) {
            Struct.Builder s = Struct.newBuilder();
            m.forEach((k, x) -> s.putFields(String.valueOf(k), toValue(x)));
            return Value.newBuilder().setStructValue(s).build();
        }
        if (v instanceof Collection<?> c) {
            ListValue.Builder l = ListValue.newBuilder();
            c.forEach(x -> l.addValues(toValue(x)));
            return Value.newBuilder().setListValue(l).build();
        }
        return Value.newBuilder().setStringValue(String.valueOf(v)).build();
    }
}
