package io.camgate.cos;

import io.camgate.identity.Bucket;
import io.camgate.identity.Directory;
import io.camgate.identity.RootAccount;
import io.camgate.policy.IpAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** A directory, settings and classifier shared by the tests. */
final class Fixtures {
    static final String BUCKET = "examplebucket-1250000000";
    static final String APPID = "1250000000";
    static final String REGION = "ap-beijing";
    static final String HOST = BUCKET + ".cos." + REGION + ".myqcloud.com";
    static final String OTHER_BUCKET = "source-1250000001";
    static final Instant NOW = Instant.parse("2026-11-23T10:15:30.250Z");

    static final Directory DIRECTORY = new Directory(List.of(
            new RootAccount("100000000001", APPID, List.of(), List.of(), List.of(),
                    List.of(new Bucket(BUCKET, APPID, REGION, "100000000001", null))),
            new RootAccount("100000000002", "1250000001", List.of(), List.of(), List.of(),
                    List.of(new Bucket(OTHER_BUCKET, "1250000001", "ap-guangzhou", "100000000002", null)))),
            Map.of());

    static final CosSettings SETTINGS = new CosSettings(Map.of("img.example.com", BUCKET),
            List.of(IpAddress.parseCidr("10.0.0.0/8")), "X-Requester-Vpc");

    static final RequestClassifier CLASSIFIER =
            new RequestClassifier(SETTINGS, Clock.fixed(NOW, ZoneOffset.UTC));

    private Fixtures() {
    }

    static CosRequest classify(String method, String host, String target, String... headers)
            throws ClassificationException {
        return classify(method, host, target, Transport.plain("203.0.113.7"), headers);
    }

    static CosRequest classify(String method, String host, String target, Transport transport, String... headers)
            throws ClassificationException {
        String[] all = new String[headers.length + 2];
        all[0] = "Host";
        all[1] = host;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return CLASSIFIER.classify(method, target, RequestHeaders.of(all), transport, DIRECTORY);
    }

    static String cosResource(String key) {
        return "qcs::cos:" + REGION + ":uid/" + APPID + ":" + BUCKET + "/" + key;
    }
}
