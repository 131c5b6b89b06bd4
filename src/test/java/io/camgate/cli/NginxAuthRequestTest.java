package io.camgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.camgate.config.GatewaySettings;
import io.camgate.config.GatewaySettingsLoader;
import io.camgate.proxy.RequestObserver;
import io.camgate.testing.ExampleConfig;
import io.camgate.testing.ProcessLines;
import io.camgate.testing.S3ProxyServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingress decision mode with Debian's nginx: nginx listens on loopback, asks camgate's
 * ingress listener with {@code auth_request} about every request, and proxies the allowed ones
 * to an s3proxy that accepts anything. What s3proxy stored shows which requests reached it.
 * The subrequest is configured twice: as the README's hand-written location, and as
 * ingress-nginx's template writes it for the {@code auth-url} annotation.
 */
class NginxAuthRequestTest {
    private static final Path NGINX = Path.of("/usr/sbin/nginx");
    /** The README's location: the original target in X-Original-URI, the original Host kept. */
    private static final String HAND_WRITTEN = """
                        location / {
                            auth_request /_camgate;
                            proxy_pass http://127.0.0.1:%4$d/examplebucket-1250000001/;
                        }
                        location = /_camgate {
                            internal;
                            proxy_pass http://127.0.0.1:%3$d/v1/auth-request;
                            proxy_pass_request_body off;
                            proxy_set_header Content-Length "";
                            proxy_set_header X-Original-Content-Length $http_content_length;
                            proxy_set_header X-Original-Method $request_method;
                            proxy_set_header X-Original-URI $request_uri;
                            proxy_set_header X-Real-IP $remote_addr;
                            proxy_set_header Host $http_host;
                        }
            """;
    /**
     * What ingress-nginx (controller v1.15) renders for {@code nginx.ingress.kubernetes.io/auth-url:
     * http://camgate-ingress.camgate.svc.cluster.local:8081/v1/auth-request} with
     * {@code auth-proxy-set-headers} naming a ConfigMap that holds
     * {@code X-Original-Content-Length: "$http_content_length"}: the Host is the auth service's,
     * the original request is in X-Original-URL.
     */
    private static final String INGRESS_NGINX = """
                        location / {
                            set $proxy_upstream_name "default-examplebucket-80";
                            auth_request /_external-auth-Lw-Prefix;
                            auth_request_set $auth_cookie $upstream_http_set_cookie;
                            add_header Set-Cookie $auth_cookie;
                            proxy_pass http://127.0.0.1:%4$d/examplebucket-1250000001/;
                        }
                        location = /_external-auth-Lw-Prefix {
                            internal;
                            set $proxy_upstream_name "default-examplebucket-80";
                            proxy_intercept_errors off;
                            proxy_pass_request_body off;
                            proxy_set_header Content-Length "";
                            proxy_set_header X-Forwarded-Proto "";
                            proxy_set_header X-Request-ID $request_id;
                            proxy_set_header Host camgate-ingress.camgate.svc.cluster.local;
                            proxy_set_header X-Original-URL $scheme://$http_host$request_uri;
                            proxy_set_header X-Original-Method $request_method;
                            proxy_set_header X-Sent-From "nginx-ingress-controller";
                            proxy_set_header X-Real-IP $remote_addr;
                            proxy_set_header X-Forwarded-For $remote_addr;
                            proxy_set_header X-Auth-Request-Redirect $request_uri;
                            proxy_buffering off;
                            proxy_ssl_server_name on;
                            proxy_pass_request_headers on;
                            proxy_set_header "X-Original-Content-Length" "$http_content_length";
                            proxy_http_version 1.1;
                            set $target "http://127.0.0.1:%3$d/v1/auth-request";
                            proxy_pass $target;
                        }
            """;

    @TempDir
    Path tmp;

    @Test
    void allowedRequestsPassThroughNginxAndDeniedOnesNeverReachTheStore() throws Exception {
        exercise(HAND_WRITTEN);
    }

    @Test
    void ingressNginxsAuthUrlSubrequestWorksAsRendered() throws Exception {
        exercise(INGRESS_NGINX);
    }

    private void exercise(String locations) throws Exception {
        assertThat(NGINX).as("Debian's nginx (scripts/test.sh installs it)").isExecutable();
        Path data = Files.createDirectories(tmp.resolve("s3"));
        try (S3ProxyServer s3 = S3ProxyServer.startUnsigned(data)) {
            Path dir = ExampleConfig.copyTo(tmp.resolve("config"));
            Files.writeString(dir.resolve("camgate.yaml"), """
                    listen: {address: 127.0.0.1, port: 0}
                    admin: {address: 127.0.0.1, port: 0}
                    ingress: {address: 127.0.0.1, port: 0}
                    routes:
                      - {name: unused, buckets: [examplebucket-1250000001], upstream: %s, auth: none}
                    """.formatted(s3.uri()));
            GatewaySettings settings = new GatewaySettingsLoader(name -> null).load(dir);
            try (OperatedGateway served = OperatedGateway.start(dir, settings, null, RequestObserver.NONE,
                    Clock.systemUTC())) {
                int port = freePort();
                Process nginx = startNginx(locations, port, served.gateway().ingressPort().getAsInt(), s3.port());
                try {
                    assertThat(send(port, OperatedGatewayTest.ROOT, "PUT", "/", "").status()).isEqualTo(200);
                    DemoCall.Reply bob = send(port, OperatedGatewayTest.BOB, "PUT", "/notes.txt", "bob was here\n");
                    assertThat(bob.status()).isEqualTo(200);
                    Path bucket = data.resolve("data/examplebucket-1250000001");
                    assertThat(bucket.resolve("notes.txt")).hasContent("bob was here");

                    DemoCall.Reply carol = send(port, OperatedGatewayTest.CAROL, "PUT", "/carol.txt", "nope\n");
                    assertThat(carol.status()).isEqualTo(403);
                    assertThat(bucket.resolve("carol.txt")).doesNotExist();
                    DemoCall.Reply forged = send(port, new String[] {OperatedGatewayTest.BOB[0], "notBobsKey"},
                            "PUT", "/forged.txt", "forged\n");
                    assertThat(forged.status()).isEqualTo(403);
                    assertThat(bucket.resolve("forged.txt")).doesNotExist();

                    assertThat(send(port, OperatedGatewayTest.CAROL, "GET", "/notes.txt", "").body())
                            .isEqualTo("bob was here\n");
                    assertThat(send(port, OperatedGatewayTest.DAVE, "GET", "/secret/plan.txt", "").status())
                            .isEqualTo(403);
                    assertThat(send(port, null, "GET", "/notes.txt", "").status()).isEqualTo(403);
                } finally {
                    nginx.destroy();
                    nginx.waitFor(30, TimeUnit.SECONDS);
                }
                Scrape m = Scrape.parse(new String(URI.create("http://127.0.0.1:"
                        + served.operations().admin().port() + "/metrics").toURL().openStream().readAllBytes(),
                        StandardCharsets.UTF_8));
                assertThat(m.sum("camgate_signature_failures_total", Map.of("reason", "mismatch")))
                        .isEqualTo(1);
            }
        }
    }

    private static DemoCall.Reply send(int port, String[] key, String method, String path, String body)
            throws IOException {
        DemoCall call = new DemoCall(method, OperatedGatewayTest.HOST, path, body.getBytes(StandardCharsets.UTF_8));
        return key == null ? call.send(port, null, null) : call.send(port, key[0], key[1]);
    }

    private Process startNginx(String locations, int port, int ingress, int s3) throws Exception {
        Path prefix = Files.createDirectories(tmp.resolve("nginx"));
        Path conf = prefix.resolve("nginx.conf");
        Files.writeString(conf, """
                daemon off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log stderr notice;
                events { worker_connections 64; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    server {
                        listen 127.0.0.1:%2$d;
                """.formatted(prefix.toAbsolutePath(), port) + locations.formatted(prefix.toAbsolutePath(), port,
                ingress, s3) + """
                    }
                }
                """);
        Process nginx = new ProcessBuilder(NGINX.toString(), "-p", prefix.toString(), "-c", conf.toString(),
                "-e", "stderr").redirectErrorStream(true).start();
        ProcessLines.follow(nginx, "nginx").await(l -> l.contains("start worker process"));
        return nginx;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
