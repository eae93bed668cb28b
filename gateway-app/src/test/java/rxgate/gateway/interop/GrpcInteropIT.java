package rxgate.gateway.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import rxgate.gateway.grpc.v1.CreateGroupRequest;
import rxgate.gateway.grpc.v1.CreateUserRequest;
import rxgate.gateway.grpc.v1.DebugInfo;
import rxgate.gateway.grpc.v1.DebugServiceGrpc;
import rxgate.gateway.grpc.v1.GetDebugRequest;
import rxgate.gateway.grpc.v1.GetVolumeRequest;
import rxgate.gateway.grpc.v1.ListVolumesRequest;
import rxgate.gateway.grpc.v1.MembershipRequest;
import rxgate.gateway.grpc.v1.ProtectionServiceGrpc;
import rxgate.gateway.grpc.v1.PtEntry;
import rxgate.gateway.grpc.v1.PtEntryRequest;
import rxgate.gateway.grpc.v1.PtName;
import rxgate.gateway.grpc.v1.RawCallRequest;
import rxgate.gateway.grpc.v1.RxServiceGrpc;
import rxgate.gateway.grpc.v1.Volume;
import rxgate.gateway.grpc.v1.VolumeServiceGrpc;
import rxgate.rxrpc.services.vl.NvldbEntry;
import rxgate.rxrpc.services.vl.VlConstants;
import rxgate.rxrpc.services.vl.VlOpcodes;
import rxgate.rxrpc.xdr.XdrReader;
import rxgate.rxrpc.xdr.XdrWriter;

/**
 * The gRPC VolumeService, ProtectionService, DebugService and RxService against the real OpenAFS
 * cell (authorization on, the gateway at rxkad crypt as the cell's admin), checked with OpenAFS's
 * {@code vos} and {@code pts}. FileService against the cell is {@code GrpcFilesInteropIT}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GrpcInteropIT {
    static final RealCell CELL = RealCell.load();
    static final String TOKEN = "grpc-interop-token";
    static final Path TOKEN_FILE;

    static {
        try {
            TOKEN_FILE = Files.createTempFile("rxgate-it", ".tokens");
            Files.writeString(TOKEN_FILE, TOKEN + "\n");
            TOKEN_FILE.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void cell(DynamicPropertyRegistry r) {
        RealCell.registerCell(r, CELL);
        r.add("rxgate.cells[0].principal", () -> CELL.get("ADMIN_NAME"));
        r.add("rxgate.admin.enabled", () -> "true");
        r.add("rxgate.admin.token-file", TOKEN_FILE::toString);
    }

    @Value("${local.grpc.server.port}")
    int grpcPort;

    ManagedChannel channel;

    @BeforeEach
    void connect() {
        channel = NettyChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
    }

    @AfterEach
    void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private static <S extends AbstractStub<S>> S admin(S stub) {
        Metadata m = new Metadata();
        m.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + TOKEN);
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(m)).withDeadlineAfter(30,
                TimeUnit.SECONDS);
    }

    @Test
    void volumesMatchVos() {
        VolumeServiceGrpc.VolumeServiceBlockingStub vl = VolumeServiceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(30, TimeUnit.SECONDS);
        Volume v = vl.getVolume(GetVolumeRequest.newBuilder().setCell(CELL.cell()).setNameOrId(CELL.get("RXG_VOL"))
                .build());
        assertThat(v.getRwId()).isEqualTo(Long.parseLong(CELL.get("RXG_VOL_ID")));
        assertThat(CELL.vos("listvldb", "-name", CELL.get("RXG_VOL")).out()).contains("RWrite: " + v.getRwId());
        assertThat(vl.listVolumes(ListVolumesRequest.newBuilder().setCell(CELL.cell()).setPrefix("root.").build())
                .getVolumesList()).extracting(Volume::getName).contains("root.cell");
        StatusRuntimeException missing = catchThrowableOfType(StatusRuntimeException.class, () -> vl.getVolume(
                GetVolumeRequest.newBuilder().setCell(CELL.cell()).setNameOrId("no.such.vol").build()));
        assertThat(missing.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void protectionWritesAreSeenByPts() {
        ProtectionServiceGrpc.ProtectionServiceBlockingStub pt = admin(ProtectionServiceGrpc.newBlockingStub(channel));
        PtEntry user = pt.createUser(CreateUserRequest.newBuilder().setCell(CELL.cell()).setName("grpcuser").build());
        assertThat(CELL.pts("examine", "-nameorid", "grpcuser").out())
                .contains("Name: grpcuser, id: " + user.getId());
        pt.createGroup(CreateGroupRequest.newBuilder().setCell(CELL.cell()).setName("admin:grpc").setOwner("admin")
                .build());
        MembershipRequest m = MembershipRequest.newBuilder().setCell(CELL.cell()).setGroup("admin:grpc")
                .setName("grpcuser").build();
        pt.addMember(m);
        assertThat(CELL.pts("membership", "-nameorid", "admin:grpc").out()).contains("grpcuser");
        PtEntryRequest group = PtEntryRequest.newBuilder().setCell(CELL.cell()).setNameOrId("admin:grpc").build();
        assertThat(pt.listMembers(group).getEntriesList()).extracting(PtName::getName).containsExactly("grpcuser");
        pt.removeMember(m);
        assertThat(CELL.pts("membership", "-nameorid", "admin:grpc").out()).doesNotContain("grpcuser");
        pt.deleteEntry(group);
        pt.deleteEntry(PtEntryRequest.newBuilder().setCell(CELL.cell()).setNameOrId("grpcuser").build());
        assertThat(CELL.pts("examine", "-nameorid", "grpcuser").exit()).isNotZero();
        PtEntry alice = pt.getEntry(PtEntryRequest.newBuilder().setCell(CELL.cell()).setNameOrId("alice").build());
        assertThat(alice.getId()).isEqualTo(Integer.parseInt(CELL.get("ALICE_ID")));
    }

    @Test
    void rxdebugAndARawCallToTheVlServer() throws Exception {
        String server = CELL.dbServers().get(0);
        DebugInfo info = DebugServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                .getDebug(GetDebugRequest.newBuilder().setHost(server).setPort(7003).build());
        assertThat(info.getVersion()).contains("OpenAFS");
        byte[] request = XdrWriter.forOpcode(VlOpcodes.GET_ENTRY_BY_NAME_N)
                .writeString(CELL.get("RXG_VOL"), VlConstants.VL_MAXNAMELEN).toByteArray();
        ByteString reply = admin(RxServiceGrpc.newBlockingStub(channel)).call(RawCallRequest.newBuilder()
                .setServer(server).setPort(7003).setServiceId(VlOpcodes.SERVICE_ID).setSecurity("cell")
                .setRequest(ByteString.copyFrom(request)).build()).getReply();
        assertThat(NvldbEntry.decode(new XdrReader(reply.toByteArray())).name()).isEqualTo(CELL.get("RXG_VOL"));
    }
}
