package rxgate.gateway.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.ByteString;
import com.google.rpc.ErrorInfo;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import rxgate.gateway.cells.EmbeddedCell;
import rxgate.gateway.grpc.v1.AfsError;
import rxgate.gateway.grpc.v1.CreateGroupRequest;
import rxgate.gateway.grpc.v1.CreateUserRequest;
import rxgate.gateway.grpc.v1.DebugInfo;
import rxgate.gateway.grpc.v1.DebugServiceGrpc;
import rxgate.gateway.grpc.v1.FileRequest;
import rxgate.gateway.grpc.v1.FileServiceGrpc;
import rxgate.gateway.grpc.v1.FileStatus;
import rxgate.gateway.grpc.v1.GetDebugRequest;
import rxgate.gateway.grpc.v1.GetVolumeRequest;
import rxgate.gateway.grpc.v1.ListVolumesRequest;
import rxgate.gateway.grpc.v1.ListVolumesResponse;
import rxgate.gateway.grpc.v1.MembershipRequest;
import rxgate.gateway.grpc.v1.ProtectionServiceGrpc;
import rxgate.gateway.grpc.v1.PtEntry;
import rxgate.gateway.grpc.v1.PtEntryRequest;
import rxgate.gateway.grpc.v1.PtName;
import rxgate.gateway.grpc.v1.RawCallRequest;
import rxgate.gateway.grpc.v1.RxServiceGrpc;
import rxgate.gateway.grpc.v1.Volume;
import rxgate.gateway.grpc.v1.VolumeServiceGrpc;
import rxgate.gateway.grpc.v1.WriteHeader;
import rxgate.gateway.grpc.v1.WriteRequest;
import rxgate.rxrpc.services.vl.NvldbEntry;
import rxgate.rxrpc.services.vl.VlConstants;
import rxgate.rxrpc.services.vl.VlOpcodes;
import rxgate.rxrpc.xdr.XdrReader;
import rxgate.rxrpc.xdr.XdrWriter;

/**
 * The gRPC API over a real channel (Netty, loopback TCP) against the gateway with its embedded
 * demo cell: every method the demo cell can answer, the error statuses with their details, admin
 * access, deadlines, health and reflection.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GrpcApiTest {
    private static final String CELL = "demo.rxgate";
    private static final String TOKEN = "grpc-test-admin-token";

    @DynamicPropertySource
    static void adminToken(DynamicPropertyRegistry registry) throws IOException {
        Path file = Files.createTempFile("rxgate-admin-tokens", ".txt");
        file.toFile().deleteOnExit();
        Files.writeString(file, TOKEN + "\n");
        registry.add("rxgate.admin.enabled", () -> "true");
        registry.add("rxgate.admin.token-file", file::toString);
        SILENT = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        registry.add("rxgate.debug.allowed-servers[0]", () -> "127.0.0.1:" + SILENT.getLocalPort());
    }

    /** A UDP port where nobody answers (allowed as a raw-call target): calls to it wait for their deadline. */
    static DatagramSocket SILENT;

    @AfterAll
    static void closeSilentPort() {
        SILENT.close();
    }

    @Value("${local.grpc.server.port}")
    int grpcPort;

    @Autowired
    EmbeddedCell embeddedCell;

    ManagedChannel channel;

    @BeforeEach
    void connect() {
        channel = NettyChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
    }

    @AfterEach
    void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private static <S extends AbstractStub<S>> S withToken(S stub, String token) {
        Metadata m = new Metadata();
        m.put(AdminAccessInterceptor.AUTHORIZATION, "Bearer " + token);
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(m));
    }

    private static <S extends AbstractStub<S>> S timed(S stub) {
        return stub.withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    private static AfsError afsError(StatusRuntimeException e) throws Exception {
        com.google.rpc.Status status = StatusProto.fromThrowable(e);
        assertThat(status).as("status details").isNotNull();
        ErrorInfo info = status.getDetailsList().stream().filter(a -> a.is(ErrorInfo.class)).findFirst()
                .orElseThrow().unpack(ErrorInfo.class);
        AfsError afs = status.getDetailsList().stream().filter(a -> a.is(AfsError.class)).findFirst().orElseThrow()
                .unpack(AfsError.class);
        assertThat(info.getDomain()).isEqualTo("afs");
        assertThat(info.getReason()).isEqualTo(afs.getName());
        return afs;
    }

    private static StatusRuntimeException failure(Runnable call) {
        return catchThrowableOfType(StatusRuntimeException.class, call::run);
    }

    @Test
    void looksUpVolumesByNameAndId() {
        VolumeServiceGrpc.VolumeServiceBlockingStub vl = timed(VolumeServiceGrpc.newBlockingStub(channel));
        Volume v = vl.getVolume(GetVolumeRequest.newBuilder().setCell(CELL).setNameOrId("demo.vol").build());
        assertThat(v.getName()).isEqualTo("demo.vol");
        assertThat(v.getRwId()).isEqualTo(536870918L);
        assertThat(v.hasRoId()).isTrue();
        assertThat(v.getRoId()).isEqualTo(536870919L);
        assertThat(v.getSitesList()).extracting(s -> s.getPartition()).contains("/vicepa");
        Volume byId = vl.getVolume(GetVolumeRequest.newBuilder().setCell(CELL).setNameOrId("536870915").build());
        assertThat(byId.getName()).isEqualTo("root.cell");
        assertThat(byId.hasRoId()).isFalse();
    }

    @Test
    void listsVolumesPageByPage() {
        VolumeServiceGrpc.VolumeServiceBlockingStub vl = timed(VolumeServiceGrpc.newBlockingStub(channel));
        ListVolumesResponse first = vl.listVolumes(
                ListVolumesRequest.newBuilder().setCell(CELL).setPrefix("root.").setLimit(1).build());
        assertThat(first.getVolumesList()).hasSize(1);
        assertThat(first.getNextPageToken()).isNotEmpty();
        ListVolumesResponse second = vl.listVolumes(ListVolumesRequest.newBuilder().setCell(CELL).setPrefix("root.")
                .setLimit(1).setPageToken(first.getNextPageToken()).build());
        assertThat(second.getVolumesList()).hasSize(1);
        assertThat(second.getNextPageToken()).isEmpty();
        assertThat(List.of(first.getVolumes(0).getName(), second.getVolumes(0).getName()))
                .containsExactlyInAnyOrder("root.afs", "root.cell");
    }

    @Test
    void aMissingVolumeIsNotFoundNamingVlNoent() throws Exception {
        StatusRuntimeException e = failure(() -> timed(VolumeServiceGrpc.newBlockingStub(channel))
                .getVolume(GetVolumeRequest.newBuilder().setCell(CELL).setNameOrId("no.such.volume").build()));
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        AfsError afs = afsError(e);
        assertThat(afs.getName()).isEqualTo("VL_NOENT");
        assertThat(afs.getCode()).isEqualTo(363524);
    }

    @Test
    void anUnknownCellIsNotFoundWithDetails() throws Exception {
        StatusRuntimeException e = failure(() -> timed(VolumeServiceGrpc.newBlockingStub(channel))
                .getVolume(GetVolumeRequest.newBuilder().setCell("nowhere.org").setNameOrId("root.cell").build()));
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(afsError(e).getName()).isEqualTo("UNKNOWN_CELL");
    }

    @Test
    void aMalformedNameIsInvalidArgumentNamingTheField() throws Exception {
        StatusRuntimeException e = failure(() -> timed(VolumeServiceGrpc.newBlockingStub(channel))
                .getVolume(GetVolumeRequest.newBuilder().setCell(CELL).setNameOrId("bad$name").build()));
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(afsError(e).getField()).isEqualTo("name_or_id");
        assertThat(e.getStatus().getDescription()).startsWith("name_or_id: ");
    }

    @Test
    void readsPtEntriesMembersAndGroups() {
        ProtectionServiceGrpc.ProtectionServiceBlockingStub pt = timed(ProtectionServiceGrpc.newBlockingStub(channel));
        PtEntry alice = pt.getEntry(PtEntryRequest.newBuilder().setCell(CELL).setNameOrId("alice").build());
        assertThat(alice.getType()).isEqualTo("user");
        assertThat(alice.getMemberCount()).isEqualTo(1);
        assertThat(pt.listMembers(PtEntryRequest.newBuilder().setCell(CELL).setNameOrId("admin:staff").build())
                .getEntriesList()).extracting(PtName::getName).contains("alice");
        assertThat(pt.listGroups(PtEntryRequest.newBuilder().setCell(CELL).setNameOrId("alice").build())
                .getEntriesList()).extracting(PtName::getName).contains("admin:staff");
    }

    @Test
    void writesPtEntriesWithTheAdminToken() throws Exception {
        ProtectionServiceGrpc.ProtectionServiceBlockingStub pt = timed(
                withToken(ProtectionServiceGrpc.newBlockingStub(channel), TOKEN));
        PtEntry carol = pt.createUser(CreateUserRequest.newBuilder().setCell(CELL).setName("carol").build());
        assertThat(carol.getType()).isEqualTo("user");
        PtEntry devs = pt.createGroup(
                CreateGroupRequest.newBuilder().setCell(CELL).setName("admin:devs").setOwner("admin").build());
        assertThat(devs.getType()).isEqualTo("group");
        assertThat(devs.getId()).isNegative();
        MembershipRequest membership = MembershipRequest.newBuilder().setCell(CELL).setGroup("admin:devs")
                .setName("carol").build();
        pt.addMember(membership);
        PtEntryRequest group = PtEntryRequest.newBuilder().setCell(CELL).setNameOrId("admin:devs").build();
        assertThat(pt.listMembers(group).getEntriesList()).extracting(PtName::getName).containsExactly("carol");
        pt.removeMember(membership);
        assertThat(pt.listMembers(group).getEntriesList()).isEmpty();
        pt.deleteEntry(group);
        pt.deleteEntry(PtEntryRequest.newBuilder().setCell(CELL).setNameOrId("carol").build());
        StatusRuntimeException gone = failure(
                () -> pt.getEntry(PtEntryRequest.newBuilder().setCell(CELL).setNameOrId("carol").build()));
        assertThat(gone.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(afsError(gone).getName()).isEqualTo("PRNOENT");
        StatusRuntimeException twice = failure(
                () -> pt.createUser(CreateUserRequest.newBuilder().setCell(CELL).setName("bob").build()));
        assertThat(twice.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
        assertThat(afsError(twice).getName()).isEqualTo("PREXIST");
    }

    @Test
    void adminMethodsNeedTheToken() throws Exception {
        CreateUserRequest dave = CreateUserRequest.newBuilder().setCell(CELL).setName("dave").build();
        StatusRuntimeException missing = failure(
                () -> timed(ProtectionServiceGrpc.newBlockingStub(channel)).createUser(dave));
        assertThat(missing.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(afsError(missing).getName()).isEqualTo("UNAUTHENTICATED");
        StatusRuntimeException wrong = failure(
                () -> timed(withToken(ProtectionServiceGrpc.newBlockingStub(channel), "not-it")).createUser(dave));
        assertThat(wrong.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        StatusRuntimeException mkdir = failure(() -> timed(FileServiceGrpc.newBlockingStub(channel))
                .makeDirectory(FileRequest.newBuilder().setCell(CELL).setVolume("root.cell").setPath("x").build()));
        assertThat(mkdir.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        StatusRuntimeException raw = failure(() -> timed(RxServiceGrpc.newBlockingStub(channel))
                .call(RawCallRequest.newBuilder().setServer("127.0.0.1").setPort(7003).setServiceId(52).build()));
        assertThat(raw.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    }

    @Test
    void aStreamingWriteWithoutTheTokenIsRefusedBeforeAnyData() throws Exception {
        CompletableFuture<FileStatus> outcome = new CompletableFuture<>();
        StreamObserver<WriteRequest> requests = FileServiceGrpc.newStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                .write(firstReply(outcome));
        requests.onNext(WriteRequest.newBuilder().setHeader(WriteHeader.newBuilder().setCell(CELL)
                .setVolume("root.cell").setPath("f").setLength(1)).build());
        requests.onNext(WriteRequest.newBuilder().setData(ByteString.copyFromUtf8("x")).build());
        requests.onCompleted();
        Throwable refusal = outcome.handle((v, t) -> t).get(10, TimeUnit.SECONDS);
        assertThat(Status.fromThrowable(refusal).getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    }

    /** An observer of a response stream that keeps its first message or its error. */
    static <T> StreamObserver<T> firstReply(CompletableFuture<T> outcome) {
        return new StreamObserver<>() {
            @Override
            public void onNext(T value) {
                outcome.complete(value);
            }

            @Override
            public void onError(Throwable t) {
                outcome.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
                outcome.complete(null);
            }
        };
    }

    @Test
    void debugsTheEmbeddedCellsServer() {
        DebugInfo info = timed(DebugServiceGrpc.newBlockingStub(channel)).getDebug(GetDebugRequest.newBuilder()
                .setHost("127.0.0.1").setPort(embeddedCell.address().getPort()).build());
        assertThat(info.getVersion()).contains("rxgate embedded demo cell");
        assertThat(info.getStatisticsMap()).isNotEmpty();
    }

    @Test
    void debugOfAHostOutsideTheCellsIsRefused() throws Exception {
        StatusRuntimeException e = failure(() -> timed(DebugServiceGrpc.newBlockingStub(channel))
                .getDebug(GetDebugRequest.newBuilder().setHost("192.0.2.1").setPort(7000).build()));
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(afsError(e).getName()).isEqualTo("SERVER_NOT_ALLOWED");
    }

    @Test
    void makesARawVlCallAndReportsAnAbortAsAStatus() throws Exception {
        RxServiceGrpc.RxServiceBlockingStub rx = timed(withToken(RxServiceGrpc.newBlockingStub(channel), TOKEN));
        RawCallRequest.Builder call = RawCallRequest.newBuilder().setServer("127.0.0.1")
                .setPort(embeddedCell.address().getPort()).setServiceId(VlOpcodes.SERVICE_ID).setSecurity("none");
        byte[] request = XdrWriter.forOpcode(VlOpcodes.GET_ENTRY_BY_NAME_N)
                .writeString("demo.vol", VlConstants.VL_MAXNAMELEN).toByteArray();
        ByteString reply = rx.call(call.setRequest(ByteString.copyFrom(request)).build()).getReply();
        NvldbEntry entry = NvldbEntry.decode(new XdrReader(reply.toByteArray()));
        assertThat(entry.name()).isEqualTo("demo.vol");
        assertThat(entry.rwId()).isEqualTo(536870918L);

        byte[] missing = XdrWriter.forOpcode(VlOpcodes.GET_ENTRY_BY_NAME_N)
                .writeString("no.such", VlConstants.VL_MAXNAMELEN).toByteArray();
        StatusRuntimeException e = failure(() -> rx.call(call.setRequest(ByteString.copyFrom(missing)).build()));
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        AfsError afs = afsError(e);
        assertThat(afs.getName()).isEqualTo("VL_NOENT");
        assertThat(afs.getCode()).isEqualTo(363524);
    }

    @Test
    void anExpiringDeadlineIsDeadlineExceeded() {
        // the RxRPC call to the silent port waits until the gRPC deadline, which the gateway
        // passed on as the call's timeout
        RxServiceGrpc.RxServiceBlockingStub rx = withToken(RxServiceGrpc.newBlockingStub(channel), TOKEN)
                .withDeadlineAfter(500, TimeUnit.MILLISECONDS);
        byte[] request = XdrWriter.forOpcode(VlOpcodes.PROBE_SERVER).toByteArray();
        StatusRuntimeException e = failure(() -> rx.call(RawCallRequest.newBuilder().setServer("127.0.0.1")
                .setPort(SILENT.getLocalPort()).setServiceId(VlOpcodes.SERVICE_ID)
                .setRequest(ByteString.copyFrom(request)).build()));
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
    }

    @Test
    void servesHealthChecking() {
        HealthCheckResponse r = timed(HealthGrpc.newBlockingStub(channel)).check(HealthCheckRequest.getDefaultInstance());
        assertThat(r.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
    }

    @Test
    void reflectionListsTheRxgateServices() throws Exception {
        CompletableFuture<ServerReflectionResponse> response = new CompletableFuture<>();
        StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel)
                .withDeadlineAfter(10, TimeUnit.SECONDS).serverReflectionInfo(firstReply(response));
        requests.onNext(ServerReflectionRequest.newBuilder().setListServices("*").build());
        requests.onCompleted();
        List<String> services = response.get(10, TimeUnit.SECONDS).getListServicesResponse().getServiceList().stream()
                .map(ServiceResponse::getName).toList();
        assertThat(services).contains("rxgate.v1.VolumeService",
                "rxgate.v1.ProtectionService", "rxgate.v1.FileService", "rxgate.v1.DebugService",
                "rxgate.v1.RxService", "grpc.health.v1.Health");
    }
}
