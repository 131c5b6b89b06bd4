package io.camgate.bench;

import io.camgate.cos.ClassificationException;
import io.camgate.cos.CosRequest;
import io.camgate.cos.CosSettings;
import io.camgate.cos.RequestClassifier;
import io.camgate.cos.RequestHeaders;
import io.camgate.cos.Transport;
import io.camgate.identity.Bucket;
import io.camgate.identity.Directory;
import io.camgate.identity.RootAccount;
import io.camgate.policy.ConditionContext;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Classification of one request from the wire into a {@link CosRequest} with its needs and
 * condition context: a virtual-hosted GET Object, a PUT Object with ACL, storage-class and
 * content headers over TLS, and a path-style GET with an escaped key. The condition context is
 * built on first use, so one benchmark also asks for it.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ClassifyBenchmark -f 1 -wi 3 -i 5 -w 1 -r 1}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ClassifyBenchmark {
    private static final String BUCKET = "examplebucket-1250000000";

    private final Directory directory = new Directory(List.of(new RootAccount("100000000001", "1250000000",
            List.of(), List.of(), List.of(), List.of(new Bucket(BUCKET, "1250000000", "ap-beijing", "100000000001",
                    null)))), Map.of());
    private final RequestClassifier classifier = new RequestClassifier(CosSettings.DEFAULTS, Clock.systemUTC());
    private final Transport plain = Transport.plain("203.0.113.7");
    private final Transport tls = Transport.tls("203.0.113.7", "TLSv1.3");

    private final RequestHeaders getHeaders = RequestHeaders.of(
            "Host", BUCKET + ".cos.ap-beijing.myqcloud.com",
            "Authorization", "q-sign-algorithm=sha1&q-ak=AKID&q-sign-time=1;2&q-key-time=1;2&q-header-list=host"
                    + "&q-url-param-list=&q-signature=0123456789abcdef0123456789abcdef01234567",
            "User-Agent", "cos-java-sdk-v5.6.265",
            "Accept", "*/*");
    private final RequestHeaders putHeaders = RequestHeaders.of(
            "Host", BUCKET + ".cos.ap-beijing.myqcloud.com",
            "Authorization", "q-sign-algorithm=sha1&q-ak=AKID&q-sign-time=1;2&q-key-time=1;2"
                    + "&q-header-list=content-length;content-type;host;x-cos-acl;x-cos-storage-class"
                    + "&q-url-param-list=&q-signature=0123456789abcdef0123456789abcdef01234567",
            "Content-Type", "image/jpeg",
            "Content-Length", "1048576",
            "Content-MD5", "mQ/fVh815F3k6TAUm8m0eg==",
            "x-cos-acl", "private",
            "x-cos-storage-class", "STANDARD_IA",
            "User-Agent", "cos-java-sdk-v5.6.265");
    private final RequestHeaders pathStyleHeaders = RequestHeaders.of(
            "Host", "cos.ap-beijing.myqcloud.com",
            "Authorization", "q-sign-algorithm=sha1&q-ak=AKID&q-sign-time=1;2&q-key-time=1;2&q-header-list=host"
                    + "&q-url-param-list=&q-signature=0123456789abcdef0123456789abcdef01234567");

    @Benchmark
    public CosRequest virtualHostedGetObject() throws ClassificationException {
        return classifier.classify("GET", "/photos/2026/11/holiday.jpg", getHeaders, plain, directory);
    }

    /** The same GET with its condition context built, as the authorizer will ask for it. */
    @Benchmark
    public ConditionContext virtualHostedGetObjectWithConditions() throws ClassificationException {
        return virtualHostedGetObject().conditions();
    }

    @Benchmark
    public CosRequest putObjectWithHeaders() throws ClassificationException {
        return classifier.classify("PUT", "/uploads/report-2026.jpg", putHeaders, tls, directory);
    }

    @Benchmark
    public CosRequest pathStyleGetObject() throws ClassificationException {
        return classifier.classify("GET", "/" + BUCKET + "/docs/%E8%85%BE%E8%AE%AF%E4%BA%91%20v2.pdf",
                pathStyleHeaders, plain, directory);
    }
}
