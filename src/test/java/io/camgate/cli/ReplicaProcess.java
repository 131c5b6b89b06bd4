package io.camgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.camgate.admin.AdminClient;
import io.camgate.testing.ProcessLines;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code camgate serve} process of a test's fleet of replicas, started in a JVM of its own
 * on free loopback ports, as a pod behind a Service is: its output, its gateway and its admin
 * listener.
 *
 * @param process the process
 * @param out     its output, line by line
 * @param gateway the gateway's port
 * @param admin   the admin listener's port
 */
record ReplicaProcess(Process process, ProcessLines out, int gateway, int admin) {
    private static final Pattern SERVING = Pattern.compile(
            "serving https?://127\\.0\\.0\\.1:(\\d+) .*admin http://127\\.0\\.0\\.1:(\\d+)");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Starts {@code camgate serve --config dir}, adds it to {@code started}, and waits until it serves. */
    static ReplicaProcess serve(Path dir, String name, List<Process> started) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-Xmx192m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), "io.camgate.cli.Main", "serve", "--config", dir.toString())
                .redirectErrorStream(true).start();
        started.add(p);
        ProcessLines out = ProcessLines.follow(p, name);
        Matcher m = SERVING.matcher(out.await(l -> SERVING.matcher(l).find()));
        assertThat(m.find()).isTrue();
        return new ReplicaProcess(p, out, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** The body of {@code /readyz}. */
    JsonNode ready() throws Exception {
        return AdminClient.JSON.readTree(readyz().body());
    }

    HttpResponse<String> readyz() throws Exception {
        return admin("/readyz");
    }

    /** The admin listener's answer to a GET of {@code path}. */
    HttpResponse<String> admin(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Its metrics, parsed. */
    Scrape metrics() throws Exception {
        return Scrape.parse(admin("/metrics").body());
    }

    /** The revision of its live snapshot. */
    String revision() throws Exception {
        return ready().path("revision").asText();
    }

    /** Waits until this replica has published {@code revision}. */
    void awaitRevision(String revision) throws Exception {
        out.await(l -> l.contains("revision " + revision));
    }

    /** A CAM API call signed with {@code key}. */
    JsonNode cam(String[] key, String action, String params) throws Exception {
        return new AdminClient(admin).cam(key[0], key[1], action, params);
    }

    /** A COS request to the gateway, signed with {@code key}. */
    DemoCall.Reply send(String[] key, String method, String host, String path, String body) throws Exception {
        return new DemoCall(method, host, path, body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .send(gateway, key[0], key[1]);
    }
}
