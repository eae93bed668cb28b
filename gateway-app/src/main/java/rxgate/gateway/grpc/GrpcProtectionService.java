package rxgate.gateway.grpc;

import com.google.protobuf.Empty;
import io.grpc.stub.StreamObserver;
import java.util.List;
import org.springframework.stereotype.Service;
import rxgate.gateway.grpc.v1.CreateGroupRequest;
import rxgate.gateway.grpc.v1.CreateUserRequest;
import rxgate.gateway.grpc.v1.MembershipRequest;
import rxgate.gateway.grpc.v1.ProtectionServiceGrpc;
import rxgate.gateway.grpc.v1.PtEntry;
import rxgate.gateway.grpc.v1.PtEntryRequest;
import rxgate.gateway.grpc.v1.PtNameList;
import rxgate.gateway.ops.PtEntryInfo;
import rxgate.gateway.ops.PtName;
import rxgate.gateway.ops.PtOps;

/**
 * rxgate.v1.ProtectionService over {@link PtOps}. The write methods are guarded by
 * {@link AdminAccessInterceptor}.
 */
@Service
public class GrpcProtectionService extends ProtectionServiceGrpc.ProtectionServiceImplBase {
    private static final Empty EMPTY = Empty.getDefaultInstance();
    private final PtOps pt;

    public GrpcProtectionService(PtOps pt) {
        this.pt = pt;
    }

    @Override
    public void getEntry(PtEntryRequest request, StreamObserver<PtEntry> reply) {
        UnaryReply.send(reply, () -> pt.get(request.getCell(), request.getNameOrId(), CallDeadline.remaining()),
                GrpcProtectionService::toProto);
    }

    @Override
    public void listMembers(PtEntryRequest request, StreamObserver<PtNameList> reply) {
        UnaryReply.send(reply, () -> pt.members(request.getCell(), request.getNameOrId(), CallDeadline.remaining()),
                GrpcProtectionService::toProto);
    }

    @Override
    public void listGroups(PtEntryRequest request, StreamObserver<PtNameList> reply) {
        UnaryReply.send(reply, () -> pt.groups(request.getCell(), request.getNameOrId(), CallDeadline.remaining()),
                GrpcProtectionService::toProto);
    }

    @Override
    public void createUser(CreateUserRequest request, StreamObserver<PtEntry> reply) {
        Integer id = request.hasId() ? request.getId() : null;
        UnaryReply.send(reply, () -> pt.createUser(request.getCell(), request.getName(), id, CallDeadline.remaining()),
                GrpcProtectionService::toProto);
    }

    @Override
    public void createGroup(CreateGroupRequest request, StreamObserver<PtEntry> reply) {
        String owner = request.getOwner().isEmpty() ? null : request.getOwner();
        UnaryReply.send(reply,
                () -> pt.createGroup(request.getCell(), request.getName(), owner, CallDeadline.remaining()),
                GrpcProtectionService::toProto);
    }

    @Override
    public void deleteEntry(PtEntryRequest request, StreamObserver<Empty> reply) {
        UnaryReply.send(reply, () -> pt.delete(request.getCell(), request.getNameOrId(), CallDeadline.remaining()),
                done -> EMPTY);
    }

    @Override
    public void addMember(MembershipRequest request, StreamObserver<Empty> reply) {
        UnaryReply.send(reply, () -> pt.addMember(request.getCell(), request.getGroup(), request.getName(),
                CallDeadline.remaining()), done -> EMPTY);
    }

    @Override
    public void removeMember(MembershipRequest request, StreamObserver<Empty> reply) {
        UnaryReply.send(reply, () -> pt.removeMember(request.getCell(), request.getGroup(), request.getName(),
                CallDeadline.remaining()), done -> EMPTY);
    }

    static PtEntry toProto(PtEntryInfo e) {
        return PtEntry.newBuilder().setName(e.name()).setId(e.id()).setType(e.type()).setOwner(e.owner())
                .setCreator(e.creator()).setMemberCount(e.memberCount()).setFlags(e.flags()).build();
    }

    static PtNameList toProto(List<PtName> names) {
        PtNameList.Builder b = PtNameList.newBuilder();
        names.forEach(n -> b.addEntriesBuilder().setName(n.name()).setId(n.id()));
        return b.build();
    }
}
