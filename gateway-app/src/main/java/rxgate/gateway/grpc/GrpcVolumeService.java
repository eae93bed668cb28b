package rxgate.gateway.grpc;

import io.grpc.stub.StreamObserver;
import org.springframework.stereotype.Service;
import rxgate.gateway.grpc.v1.GetVolumeRequest;
import rxgate.gateway.grpc.v1.ListVolumesRequest;
import rxgate.gateway.grpc.v1.ListVolumesResponse;
import rxgate.gateway.grpc.v1.Volume;
import rxgate.gateway.grpc.v1.VolumeServiceGrpc;
import rxgate.gateway.grpc.v1.VolumeSite;
import rxgate.gateway.ops.VolumeEntry;
import rxgate.gateway.ops.VolumeOps;

/** rxgate.v1.VolumeService over {@link VolumeOps}. */
@Service
public class GrpcVolumeService extends VolumeServiceGrpc.VolumeServiceImplBase {
    /** Page size when a request gives none (the proto's 0). */
    static final int DEFAULT_LIMIT = 100;
    private final VolumeOps volumes;

    public GrpcVolumeService(VolumeOps volumes) {
        this.volumes = volumes;
    }

    @Override
    public void getVolume(GetVolumeRequest request, StreamObserver<Volume> reply) {
        UnaryReply.send(reply, () -> volumes.get(request.getCell(), request.getNameOrId(), CallDeadline.remaining()),
                GrpcVolumeService::toProto);
    }

    @Override
    public void listVolumes(ListVolumesRequest request, StreamObserver<ListVolumesResponse> reply) {
        String cursor = request.getPageToken().isEmpty() ? null : request.getPageToken();
        int limit = request.getLimit() <= 0 ? DEFAULT_LIMIT : Math.min(request.getLimit(), VolumeOps.MAX_LIMIT);
        UnaryReply.send(reply, () -> volumes.list(request.getCell(), request.getPrefix(), limit, cursor,
                CallDeadline.remaining()), page -> {
                    ListVolumesResponse.Builder b = ListVolumesResponse.newBuilder();
                    page.items().forEach(v -> b.addVolumes(toProto(v)));
                    if (page.nextCursor() != null) {
                        b.setNextPageToken(page.nextCursor());
                    }
                    return b.build();
                });
    }

    static Volume toProto(VolumeEntry v) {
        Volume.Builder b = Volume.newBuilder().setName(v.name()).setRwId(v.rwId()).addAllFlags(v.flags());
        if (v.roId() != null) {
            b.setRoId(v.roId());
        }
        if (v.backupId() != null) {
            b.setBackupId(v.backupId());
        }
        v.sites().forEach(s -> b.addSites(VolumeSite.newBuilder().setServer(s.server()).setPartition(s.partition())
                .setType(s.type()).addAllFlags(s.flags())));
        return b.build();
    }
}
