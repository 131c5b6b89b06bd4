package io.camgate.proxy.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.camgate.config.UpstreamTlsSettings;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * An https route connects to, names (SNI) and verifies the virtual-hosted bucket host a
 * request names when it lies directly under the upstream host, and the upstream host for
 * anything else, so a client's Host cannot point the gateway elsewhere.
 */
class UpstreamHostTest {
    private static final URI COS = URI.create("https://cos.ap-shanghai.myqcloud.com");

    private static UpstreamRoute route(URI target, boolean tls) {
        Duration d = Duration.ofSeconds(5);
        return new UpstreamRoute("cos", target, 4, d, d, d, tls ? UpstreamTls.of(UpstreamTlsSettings.DEFAULT) : null);
    }

    @Test
    void aVirtualHostedBucketUnderTheUpstreamIsConnectedToByItsName() {
        UpstreamRoute cos = route(COS, true);
        assertThat(UpstreamHost.of(cos, "examplebucket-1250000001.cos.ap-shanghai.myqcloud.com"))
                .isEqualTo("examplebucket-1250000001.cos.ap-shanghai.myqcloud.com");
        assertThat(UpstreamHost.of(cos, "ExampleBucket-1250000001.COS.ap-shanghai.myqcloud.com:443"))
                .isEqualTo("examplebucket-1250000001.cos.ap-shanghai.myqcloud.com");
        assertThat(UpstreamHost.of(cos, "cos.ap-shanghai.myqcloud.com")).isEqualTo("cos.ap-shanghai.myqcloud.com");
    }

    @Test
    void anyOtherHostConnectsToTheUpstreamHost() {
        UpstreamRoute cos = route(COS, true);
        assertThat(UpstreamHost.of(cos, "evil.example")).isEqualTo("cos.ap-shanghai.myqcloud.com");
        assertThat(UpstreamHost.of(cos, "a.b.cos.ap-shanghai.myqcloud.com")).isEqualTo("cos.ap-shanghai.myqcloud.com");
        assertThat(UpstreamHost.of(cos, "xcos.ap-shanghai.myqcloud.com")).isEqualTo("cos.ap-shanghai.myqcloud.com");
        assertThat(UpstreamHost.of(cos, null)).isEqualTo("cos.ap-shanghai.myqcloud.com");
        assertThat(UpstreamHost.of(route(URI.create("http://cos.ap-shanghai.myqcloud.com"), false),
                "examplebucket-1250000001.cos.ap-shanghai.myqcloud.com")).as("plain HTTP")
                .isEqualTo("cos.ap-shanghai.myqcloud.com");
    }
}
