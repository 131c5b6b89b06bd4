package io.camgate.proxy.upstream;

import io.camgate.cos.QueryParam;
import io.camgate.sign.RequestSigner;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * {@code cos}: the upstream is COS (or a COS-compatible store) reached with the route's service
 * key: the rebuilt request is signed as COS v5, valid for {@link #SIGNATURE_SECONDS}, and a form
 * gets a fresh COS policy naming exactly its fields.
 */
final class CosResignMode implements UpstreamMode {
    /** How long a COS signature made for the upstream stays valid: enough for a slow start, no more. */
    static final long SIGNATURE_SECONDS = 900;

    private final String accessKey;
    private final String secretKey;

    CosResignMode(String accessKey, String secretKey) {
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    @Override
    public void sign(String method, String path, List<QueryParam> params, HttpHeaders out, Instant now) {
        long start = now.getEpochSecond() - 60;
        out.set(HttpHeaderNames.AUTHORIZATION, RequestSigner.authorization(new OutgoingRequest(method, path, params, out),
                accessKey, secretKey, start, start + SIGNATURE_SECONDS, signedHeaders(out)));
    }

    @Override
    public void signForm(List<String[]> out, String bucket, Instant now) {
        long start = now.getEpochSecond() - 60;
        String window = start + ";" + (start + SIGNATURE_SECONDS);
        out.add(new String[] {"q-sign-algorithm", "sha1"});
        out.add(new String[] {"q-ak", accessKey});
        out.add(new String[] {"q-key-time", window});
        byte[] json = PostFormForwarding.policy(out, bucket, now);
        out.add(new String[] {"policy", Base64.getEncoder().encodeToString(json)});
        out.add(new String[] {"q-signature", RequestSigner.postPolicySignature(secretKey, window, json)});
    }

    private static List<String> signedHeaders(HttpHeaders out) {
        List<String> names = new ArrayList<>();
        names.add("host");
        for (String name : out.names()) {
            String n = name.toLowerCase(Locale.ROOT);
            if (n.startsWith("x-cos-") || n.equals("content-type") || n.equals("content-md5")) {
                names.add(n);
            }
        }
        return names;
    }
}
