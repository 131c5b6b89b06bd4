package io.camgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.camgate.admin.AdminClient;
import io.camgate.testing.ExampleConfig;
import io.camgate.testing.LocalEtcd;
import io.etcd.jetcd.Client;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three {@code camgate serve} processes share one real etcd, as replicas behind a Service do:
 * a CAM write on one is in force there when it is answered and reaches the others; writes on
 * two at once are both applied or one is refused, never lost; a paused, killed or compacted etcd
 * leaves them serving; a pod started during an outage is not ready until the store answers, unless
 * stale start is allowed and it has a copy from a previous run.
 * Every wait is on a revision (in /readyz, or the "reloaded …" line a replica prints), never a sleep.
 */
class StoreReplicasTest {
        private static final String[] ROOT = OperatedGatewayTest.ROOT;

    @TempDir
    Path tmp;
    private LocalEtcd etcd;
    private final List<Process> processes = new ArrayList<>();
    private String sealKey;

    @AfterEach
    void stop() throws Exception {
        for (Process p : processes) {
            p.destroyForcibly();
        }
        if (etcd != null) {
            etcd.close();
        }
    }

    private Path podDir(String name, String extra) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.writeString(dir.resolve("seal.key"), sealKey);
        Files.writeString(dir.resolve("camgate.yaml"), """
                listen: {address: 127.0.0.1, port: 0, shutdownTimeout: 5s}
                admin: {address: 127.0.0.1, port: 0}
                routes:
                  - {name: unused, buckets: [examplebucket-1250000001], upstream: "http://127.0.0.1:9", auth: none}
                store:
                  endpoints: [%s]
                  prefix: /camgate/replicas/
                  sealKeyFile: seal.key
                """.formatted(etcd.endpoint()) + extra);
        return dir;
    }

    private ReplicaProcess serve(Path dir, String name) throws Exception {
        return ReplicaProcess.serve(dir, name, processes);
    }

    private static String createPolicy(String name) {
        String document = "{\"version\":\"2.0\",\"statement\":[{\"effect\":\"allow\",\"action\":[\"name/cos:GetObject\"],"
                + "\"resource\":[\"qcs::cos:ap-shanghai:uid/1250000001:examplebucket-1250000001/" + name + "/*\"]}]}";
        return AdminClient.JSON.createObjectNode().put("PolicyName", name).put("PolicyDocument", document).toString();
    }

    private static boolean hasPolicy(ReplicaProcess pod, String name) throws Exception {
        JsonNode list = pod.cam(ROOT, "ListPolicies", "{\"Rp\": 200}");
        for (JsonNode p : list.path("List")) {
            if (p.path("PolicyName").asText().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static void signal(Process p, String name) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + name, Long.toString(p.pid())).start().waitFor()).isZero();
    }

    @Test
    void threeReplicasActAsOne() throws Exception {
        etcd = LocalEtcd.start();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        sealKey = Base64.getEncoder().encodeToString(key) + "\n";
        Path example = ExampleConfig.copyTo(tmp.resolve("example"));
        Path first = podDir("a", "");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(Main.run(new PrintWriter(out), new PrintWriter(err), "store", "import", "--config",
                example.toString(), "--store", first.toString())).as("%s", err).isZero();
        assertThat(out.toString()).contains("revision etcd:");
        // check follows the store section: camgate.yaml from the pod's directory, the rest from the store
        StringWriter checked = new StringWriter();
        assertThat(Main.run(new PrintWriter(checked), new PrintWriter(err), "check", "--config", first.toString()))
                .as("%s", err).isZero();
        assertThat(checked.toString()).contains(first + " with the store " + etcd.endpoint())
                .contains("revision etcd:").contains(": OK, 2 root accounts");

        ReplicaProcess a = serve(first, "a");
        ReplicaProcess b = serve(podDir("b", ""), "b");
        ReplicaProcess c = serve(podDir("c", ""), "c");
        // a fourth replica keeps its working copy, to start from it again during an outage
        String keepsCopy = "  workDir: work\n  allowStaleStart: true\n  startTimeout: 1s\n";
        ReplicaProcess d = serve(podDir("d", keepsCopy), "d");
        String start = a.revision();
        assertThat(start).startsWith("etcd:");
        assertThat(b.revision()).isEqualTo(start);
        assertThat(c.revision()).isEqualTo(start);
        assertThat(a.ready().path("store").path("connected").asBoolean()).isTrue();
        String metrics = b.admin("/metrics").body();
        assertThat(metrics).contains("camgate_snapshot_info{revision=\"" + start + "\",set=\"live\"} 1\n")
                .contains("camgate_store_connected 1.0")
                .contains("camgate_store_revision " + Double.parseDouble(start.substring("etcd:".length())));

        // a write on one replica is in force there when answered, and reaches the others
        JsonNode created = a.cam(ROOT, "CreatePolicy", createPolicy("written-on-a"));
        assertThat(created.has("Error")).as("%s", created).isFalse();
        String afterWrite = a.revision();
        assertThat(afterWrite).isNotEqualTo(start);
        b.awaitRevision(afterWrite);
        c.awaitRevision(afterWrite);
        assertThat(hasPolicy(c, "written-on-a")).isTrue();

        // two replicas write at once: each write is applied or refused, never lost
        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<JsonNode> onA = CompletableFuture.supplyAsync(() -> createAfter(go, a, "race-a"));
        CompletableFuture<JsonNode> onB = CompletableFuture.supplyAsync(() -> createAfter(go, b, "race-b"));
        go.countDown();
        JsonNode ra = onA.get(60, TimeUnit.SECONDS);
        JsonNode rb = onB.get(60, TimeUnit.SECONDS);
        for (JsonNode r : new JsonNode[] {ra, rb}) {
            assertThat(!r.has("Error") || r.path("Error").path("Code").asText().equals("FailedOperation"))
                    .as("applied, or refused as a conflict: %s", r).isTrue();
        }
        String both = newest(a.revision(), b.revision());
        c.awaitRevision(both);
        d.awaitRevision(both);
        d.process().destroyForcibly();
        assertThat(d.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(hasPolicy(c, "race-a")).isEqualTo(!ra.has("Error"));
        assertThat(hasPolicy(c, "race-b")).isEqualTo(!rb.has("Error"));

        // etcd paused: replicas keep serving and stay ready; writes answer 503; a new pod is not ready
        etcd.pause();
        try {
            a.out().await(l -> l.contains("the store does not answer"));
            assertThat(a.readyz().statusCode()).isEqualTo(200);
            assertThat(a.ready().path("store").path("connected").asBoolean()).isFalse();
            HttpResponse<String> refused = new AdminClient(a.admin()).send(ROOT[0], ROOT[1], "CreatePolicy",
                    createPolicy("during-outage"), createPolicy("during-outage"));
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.body()).contains("InternalError.StoreUnavailable");
            ReplicaProcess late = serve(podDir("late", "  startTimeout: 1s\n"), "late");
            HttpResponse<String> notReady = late.readyz();
            assertThat(notReady.statusCode()).isEqualTo(503);
            assertThat(notReady.body()).contains("\"status\":\"syncing\"");
            // unless stale start is allowed and a previous run left a copy: then it serves that, flagged stale
            ReplicaProcess restarted = serve(podDir("d", keepsCopy), "d again");
            assertThat(restarted.readyz().statusCode()).isEqualTo(200);
            assertThat(restarted.revision()).startsWith("stale:");
            etcd.resume();
            late.awaitRevision(both);
            assertThat(late.readyz().statusCode()).isEqualTo(200);
            restarted.awaitRevision(both);
            assertThat(restarted.revision()).isEqualTo(both);
        } finally {
            etcd.resume();
        }

        // etcd killed and restarted on its data: the watch resumes and a write goes through
        int mark = b.out().mark();
        etcd.kill();
        b.out().await(l -> l.contains("the store does not answer") || l.contains("watch broke"), mark);
        etcd.restart();
        b.out().await(l -> l.contains("answers"), mark);
        JsonNode afterRestart = b.cam(ROOT, "CreatePolicy", createPolicy("after-restart"));
        assertThat(afterRestart.has("Error")).as("%s", afterRestart).isFalse();
        String restarted = b.revision();
        a.awaitRevision(restarted);
        c.awaitRevision(restarted);

        // a replica away while the history it would resume from is compacted converges all the same
        signal(c.process(), "STOP");
        JsonNode whileAway = a.cam(ROOT, "CreatePolicy", createPolicy("while-c-away"));
        assertThat(whileAway.has("Error")).as("%s", whileAway).isFalse();
        String latest = a.revision();
        try (Client client = Client.builder().endpoints(etcd.endpoint()).build()) {
            client.getKVClient().compact(Long.parseLong(latest.substring("etcd:".length()))).get(30, TimeUnit.SECONDS);
        }
        signal(c.process(), "CONT");
        c.awaitRevision(latest);
        assertThat(hasPolicy(c, "while-c-away")).isTrue();
    }

    private static JsonNode createAfter(CountDownLatch go, ReplicaProcess pod, String name) {
        try {
            go.await();
            return pod.cam(ROOT, "CreatePolicy", createPolicy(name));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The later of two store revisions. */
    private static String newest(String x, String y) {
        return Long.parseLong(x.substring("etcd:".length())) >= Long.parseLong(y.substring("etcd:".length())) ? x : y;
    }
}
