# syntax=docker/dockerfile:1
#
# The rxgate gateway image, built from the jar of the Maven build (no Maven inside the image):
#
#   ./mvnw -B -ntp package -DskipTests          # makes gateway-app/target/rxgate-gateway.jar
#   docker build -t registry.example.org/rxgate:0.1.0 .
#
# Runs as uid/gid 10001 and writes only to /tmp, so it suits readOnlyRootFilesystem: the Helm
# chart (helm/rxgate) mounts an emptyDir at /tmp. Netty unpacks its epoll library into
# java.io.tmpdir and loads it from there, so /tmp must allow exec; where it cannot, point
# -Dio.netty.native.workdir at a directory that does.
FROM eclipse-temurin:17-jre

RUN groupadd --system --gid 10001 rxgate \
 && useradd --system --uid 10001 --gid 10001 --home-dir /app --no-create-home \
      --shell /usr/sbin/nologin rxgate

WORKDIR /app
# Owned by root and read-only: the gateway cannot change its own code.
COPY --chown=0:0 --chmod=0444 gateway-app/target/rxgate-gateway.jar /app/rxgate-gateway.jar

# The java launcher reads JDK_JAVA_OPTIONS; the chart sets it from values.jvmOptions.
# MaxRAMPercentage sizes the heap from the container's memory limit; on OutOfMemoryError the
# JVM exits and Kubernetes restarts the container instead of it limping on.
ENV JDK_JAVA_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError" \
    SPRING_CONFIG_ADDITIONAL_LOCATION="optional:file:/config/"

USER 10001:10001

# HTTP (REST), gRPC, management (health, metrics), RxRPC (UDP: fileserver callbacks)
EXPOSE 8080/tcp 9090/tcp 8081/tcp 7001/udp

ENTRYPOINT ["java", "-Djava.io.tmpdir=/tmp", "-jar", "/app/rxgate-gateway.jar"]
