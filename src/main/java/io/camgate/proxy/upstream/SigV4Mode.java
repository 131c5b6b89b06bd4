package io.camgate.proxy.upstream;

import io.camgate.cos.CosRequest;
import io.camgate.cos.QueryParam;
import io.camgate.sign.SigV4Signer;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * {@code sigv4}: the upstream speaks the S3 API. {@code x-cos-*} headers and form fields are
 * translated by {@link S3Dialect} (COS's {@code acl} field becomes S3's), query parameters S3
 * would read otherwise are refused, the request is signed with AWS Signature V4 and the route's
 * key, a form gets a fresh S3 policy naming exactly its fields, and the response's
 * {@code x-amz-*} headers come back as their {@code x-cos-*} names.
 */
final class SigV4Mode implements UpstreamMode {
    private static final Consumer<HttpHeaders> COS_NAMES = S3Dialect::responseHeaders;

    private final SigV4Signer signer;

    SigV4Mode(SigV4Signer signer) {
        this.signer = signer;
    }

    @Override
    public void header(String name, String asSent, String value, CosRequest request, HttpHeaders out)
            throws ForwardingRefused {
        if (name.startsWith("x-cos-")) {
            S3Dialect.requestHeader(name, value, request.copySource(), out);
        } else {
            out.add(asSent, value);
        }
    }

    @Override
    public void checkParameter(String name) throws ForwardingRefused {
        S3Dialect.checkParameter(name);
    }

    @Override
    public void sign(String method, String path, List<QueryParam> params, HttpHeaders out, Instant now) {
        TreeMap<String, String> signable = new TreeMap<>();
        for (Map.Entry<String, String> e : out) {
            String name = e.getKey().toLowerCase(Locale.ROOT);
            signable.merge(name, e.getValue(), (a, b) -> a + "," + b);
        }
        List<Map.Entry<String, String>> query = new ArrayList<>(params.size());
        params.forEach(p -> query.add(Map.entry(p.name(), p.value())));
        signer.sign(method, path, query, signable, now).forEach(out::set);
    }

    @Override
    public void formField(String name, String asSent, String value, List<String[]> out) throws ForwardingRefused {
        if (!name.equals("acl") && !name.startsWith("x-cos-")) {
            out.add(new String[] {asSent, value});
            return;
        }
        HttpHeaders s3 = new DefaultHttpHeaders();
        S3Dialect.requestHeader(name.equals("acl") ? "x-cos-acl" : name, value, null, s3);
        for (Map.Entry<String, String> h : s3) {
            out.add(new String[] {h.getKey().equals("x-amz-acl") ? "acl" : h.getKey(), h.getValue()});
        }
    }

    @Override
    public void signForm(List<String[]> out, String bucket, Instant now) {
        out.add(new String[] {"x-amz-algorithm", "AWS4-HMAC-SHA256"});
        out.add(new String[] {"x-amz-credential", signer.credential(now)});
        out.add(new String[] {"x-amz-date", SigV4Signer.amzDate(now)});
        String policy = Base64.getEncoder().encodeToString(PostFormForwarding.policy(out, bucket, now));
        out.add(new String[] {"policy", policy});
        out.add(new String[] {"x-amz-signature", signer.postPolicySignature(policy, now)});
    }

    @Override
    public Consumer<HttpHeaders> responseHeaders() {
        return COS_NAMES;
    }
}
