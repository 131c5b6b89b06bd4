# camgate container image: a Maven build stage, then a JRE-only runtime that runs as a fixed
# non-root user. Build from the repository root:
#   docker build -t camgate:0.1.0 .
# (Not built in this repository's CI: the development machines have no container engine.)

FROM maven:3.9.11-eclipse-temurin-17 AS build
WORKDIR /src
# Dependencies first, so source edits reuse the cached layer.
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src/main ./src/main
# The jar only: tests run in CI, and mdep.skip leaves out the test-only s3proxy download.
RUN mvn -B -q -Dmaven.test.skip=true -Dmdep.skip=true package

FROM eclipse-temurin:25-jre-noble
# A numeric user, so Kubernetes can verify runAsNonRoot; the chart's runAsUser matches it.
RUN groupadd --system --gid 10001 camgate \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --shell /usr/sbin/nologin camgate
COPY --from=build /src/target/camgate.jar /opt/camgate/camgate.jar
USER 10001:10001
# Data port and admin/metrics port, as camgate.yaml configures them by default.
EXPOSE 8080 9090
# The JVM sizes itself from the container's limits (container support is on by default): the
# heap takes half the memory limit, leaving room for Netty's direct buffers, metaspace and
# thread stacks; an out-of-memory error ends the process so Kubernetes restarts it instead of
# leaving a wedged gateway; four JIT compiler threads instead of the two a small pod gets bring
# the request path to full speed about 5 s sooner after a start (benchmarks/RESULTS.md, issue 22),
# and sit idle after. The flags are on the command line rather than in JAVA_TOOL_OPTIONS,
# which the JVM announces with a "Picked up" line that is not JSON like the rest of the log; a
# deployment replaces them with its own command (the Helm chart's jvmOptions does). java is
# PID 1 (exec form), so SIGTERM reaches it and starts the drain.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=50", "-XX:+ExitOnOutOfMemoryError", "-XX:CICompilerCount=4", "-jar", "/opt/camgate/camgate.jar"]
CMD ["serve", "--config", "/etc/camgate/config"]
