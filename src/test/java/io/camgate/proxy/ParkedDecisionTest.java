package io.camgate.proxy;

import static io.camgate.proxy.ExampleGateway.BOB_ID;
import static io.camgate.proxy.ExampleGateway.BOB_KEY;
import static io.camgate.proxy.ExampleGateway.BUCKET;
import static io.camgate.proxy.ExampleGateway.ROOT_ID;
import static io.camgate.proxy.ExampleGateway.ROOT_KEY;
import static io.camgate.proxy.RawRequests.signed;
import static org.assertj.core.api.Assertions.assertThat;

import com.qcloud.cos.COSClient;
import io.camgate.authz.index.EngineKind;
import io.camgate.config.ConfigLoader;
import io.camgate.config.ConfigReloader;
import io.camgate.config.GatewaySettings;
import io.camgate.limits.LeaseKeeper;
import io.camgate.limits.Limiter;
import io.camgate.limits.SharedLimitSettings;
import io.camgate.testing.ExampleConfig;
import io.camgate.testing.LocalRedis;
import io.camgate.testing.RawHttp;
import io.camgate.testing.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request whose caller's limit Redis decides (below {@code exactBelow}) is parked on its
 * connection until Redis answers, through a real gateway and a real Redis: what the client sent
 * meanwhile (its body, its next pipelined request) waits and is handled in order once the
 * decision comes back, and a Redis that does not answer turns the request away without harming
 * the connection. Bob's limit is a few requests per second, which these tests never exhaust.
 */
class ParkedDecisionTest {
    @TempDir
    static Path dir;
    private static LocalRedis redis;
    private static S3ProxyServer s3;
    private static ConfigReloader reloader;
    private static LeaseKeeper keeper;
    private static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        redis = LocalRedis.start(Files.createDirectories(dir.resolve("redis")));
        s3 = S3ProxyServer.start(Files.createDirectories(dir.resolve("s3")));
        Path config = ExampleConfig.copyTo(dir.resolve("config"));
        Path accounts = config.resolve("accounts.yaml");
        Files.writeString(accounts, Files.readString(accounts).replaceFirst("        name: bob .*\n",
                "        name: bob\n        limits: {requestsPerSecond: 5}\n"));
        reloader = ConfigReloader.open(config, new ConfigLoader(name -> null), EngineKind.INDEX, "live");
        keeper = LeaseKeeper.connect(new SharedLimitSettings(redis.uri(), null, null, Duration.ofMillis(200), 1, 10),
                System::nanoTime, null).start();
        GatewaySettings settings = ExampleGateway.settings(s3.uri(), ExampleGateway.plainListener());
        gateway = Gateway.start(reloader.holder(), settings, Gateway.authenticator(settings, Clock.systemUTC()),
                new Limiter(System::nanoTime, keeper), RequestObserver.NONE, Clock.systemUTC());
        COSClient root = ExampleGateway.client(gateway.port(), ROOT_ID, ROOT_KEY);
        try {
            root.createBucket(BUCKET);
            root.putObject(BUCKET, "public/a.txt", "public a");
        } finally {
            root.shutdown();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (keeper != null) {
            keeper.close();
        }
        if (reloader != null) {
            reloader.close();
        }
        if (s3 != null) {
            s3.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    /** {@code method target} signed with {@code id}, keeping the connection open. */
    private static String kept(String method, String target, String id, String key) {
        return signed(method, target, id, key).replace("Connection: close\r\n", "");
    }

    @Test
    void anUploadParkedForItsLimitForwardsTheBodyThatArrivedMeanwhileAndTheNextRequestWaitsItsTurn() throws Exception {
        String body = "sent while the limit was asked";
        try (RawHttp http = new RawHttp(gateway.port())) {
            http.send(kept("PUT", "/private/parked.txt", BOB_ID, BOB_KEY) + "Content-Length: " + body.length()
                    + "\r\n\r\n" + body + kept("GET", "/private/parked.txt", ROOT_ID, ROOT_KEY) + "\r\n");
            RawHttp.Reply put = http.read();
            assertThat(put.status()).as(put.toString()).isEqualTo(200);
            RawHttp.Reply get = http.read();
            assertThat(get.status()).as(get.toString()).isEqualTo(200);
            assertThat(get.body()).isEqualTo(body);
        }
    }

    @Test
    void aLimitRedisDoesNotDecideInTimeSlowsTheRequestDownAndTheConnectionGoesOn() throws Exception {
        redis.pause();
        try (RawHttp http = new RawHttp(gateway.port())) {
            http.send(kept("GET", "/public/a.txt", BOB_ID, BOB_KEY) + "\r\n"
                    + kept("GET", "/public/a.txt", ROOT_ID, ROOT_KEY) + "\r\n");
            RawHttp.Reply slowed = http.read();
            assertThat(slowed.status()).as(slowed.toString()).isEqualTo(503);
            assertThat(slowed.code()).isEqualTo("SlowDown");
            RawHttp.Reply next = http.read();
            assertThat(next.status()).as(next.toString()).isEqualTo(200);
            assertThat(next.body()).isEqualTo("public a");
        } finally {
            redis.resume();
        }
    }

    @Test
    void aClientThatLeavesWhileItsRequestIsParkedLeavesTheGatewayServingIt() throws Exception {
        redis.pause();
        try {
            try (RawHttp http = new RawHttp(gateway.port())) {
                http.send(kept("GET", "/public/a.txt", BOB_ID, BOB_KEY) + "\r\n");
            }
        } finally {
            redis.resume();
        }
        try (RawHttp http = new RawHttp(gateway.port())) {
            RawHttp.Reply reply = http.send(signed("GET", "/public/a.txt", BOB_ID, BOB_KEY) + "\r\n").read();
            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            assertThat(reply.body()).isEqualTo("public a");
        }
    }
}
