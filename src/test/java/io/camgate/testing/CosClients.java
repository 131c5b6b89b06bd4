package io.camgate.testing;

import com.qcloud.cos.COSClient;
import com.qcloud.cos.ClientConfig;
import com.qcloud.cos.auth.AnonymousCOSCredentials;
import com.qcloud.cos.auth.BasicCOSCredentials;
import com.qcloud.cos.auth.COSCredentials;
import com.qcloud.cos.endpoint.EndpointResolver;
import com.qcloud.cos.http.HttpProtocol;
import com.qcloud.cos.region.Region;

/** The official COS Java SDK aimed at a gateway on a loopback port. */
public final class CosClients {
    private CosClients() {
    }

    /** A client signing with {@code secretId}/{@code secretKey} (anonymous when null): no retries, so a failure shows as it is. */
    public static COSClient client(int port, String secretId, String secretKey) {
        COSCredentials credentials = secretId == null ? new AnonymousCOSCredentials()
                : new BasicCOSCredentials(secretId, secretKey);
        ClientConfig config = new ClientConfig(new Region("ap-shanghai"));
        config.setHttpProtocol(HttpProtocol.http);
        config.setMaxErrorRetry(0);
        config.setEndpointResolver(new EndpointResolver() {
            @Override
            public String resolveGeneralApiEndpoint(String endpoint) {
                return "127.0.0.1:" + port;
            }

            @Override
            public String resolveGetServiceApiEndpoint(String endpoint) {
                return "127.0.0.1:" + port;
            }
        });
        return new COSClient(credentials, config);
    }
}
