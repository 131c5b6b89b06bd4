package io.camgate.loadtest;

import io.camgate.authz.Decision;
import io.camgate.authz.PolicyEngine;
import io.camgate.authz.Snapshot;
import io.camgate.cos.ClassificationException;
import io.camgate.cos.CosRequest;
import io.camgate.cos.CosSettings;
import io.camgate.cos.PercentCodec;
import io.camgate.cos.RequestClassifier;
import io.camgate.cos.RequestHeaders;
import io.camgate.cos.Transport;
import io.camgate.identity.AccessKey;
import io.camgate.identity.Bucket;
import io.camgate.identity.Principal;
import io.camgate.identity.RootAccount;
import io.camgate.identity.SubUser;
import io.camgate.policy.ActionPattern;
import io.camgate.sign.RequestSigner;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Turns a request mix into real COS requests for a running gateway: each data-plane request
 * of a caller that holds an active key (or of anonymous) becomes a virtual-hosted request,
 * classified by the gateway's own {@link RequestClassifier}, decided by the index on the
 * classifier's needs and context, and signed COS v5 with the caller's key. What the
 * classifier computes from the connection ({@code qcs:ip}, {@code cos:secure-transport},
 * {@code qcs:current_time}) comes from the run, not from the mix, so the prediction is what
 * the gateway will see.
 */
public final class HttpCallPlanner {
    private static final byte[] BODY = "camgate loadtest\n".getBytes(StandardCharsets.US_ASCII);

    private final Snapshot snapshot;
    private final PolicyEngine engine;
    private final RequestClassifier classifier;
    private final Transport transport;
    private final Map<String, AccessKey> keys = new HashMap<>();
    private final long validFrom;
    private final long validTo;
    private final String writePrefix;
    private final Map<String, Long> leftOutWrites = new TreeMap<>();

    /**
     * @param snapshot  the driver's policy set and directory (keys, buckets)
     * @param engine    predicts decisions
     * @param clientIp  the address the gateway will see the driver connect from
     * @param secure    whether the driver speaks TLS to the gateway
     * @param clock     the time signatures start from
     * @param validFor  how many seconds signatures stay valid
     */
    public HttpCallPlanner(Snapshot snapshot, PolicyEngine engine, String clientIp, boolean secure, Clock clock,
            long validFor) {
        this(snapshot, engine, clientIp, secure, clock, validFor, null);
    }

    /**
     * A planner that also sends writes, under {@code writePrefix} (e.g. {@code camgate-loadtest/k3x9/}),
     * or leaves them out when it is null.
     */
    public HttpCallPlanner(Snapshot snapshot, PolicyEngine engine, String clientIp, boolean secure, Clock clock,
            long validFor, String writePrefix) {
        this.writePrefix = writePrefix;
        this.snapshot = snapshot;
        this.engine = engine;
        this.classifier = new RequestClassifier(CosSettings.DEFAULTS, clock);
        // The version is negotiated only once connected; JDK TLS on both ends settles on 1.3.
        this.transport = secure ? Transport.tls(clientIp, "TLSv1.3") : Transport.plain(clientIp);
        long now = clock.millis() / 1000;
        this.validFrom = now - 60;
        this.validTo = now + validFor;
        for (RootAccount root : snapshot.directory().accounts()) {
            firstActive(root.uin(), root.keys());
            for (SubUser user : root.users()) {
                firstActive(user.uin(), user.keys());
            }
        }
    }

    private void firstActive(String uin, List<AccessKey> held) {
        held.stream().filter(AccessKey::isActive).findFirst().ifPresent(k -> keys.put(uin, k));
    }

    /**
     * The calls of {@code workload} this driver can send, in workload order.
     *
     * @param served whether the gateway serves (routes, and authorizes) a bucket: requests on
     *               other buckets would test its routing, not the policy set
     */
    public List<HttpCall> plan(Workload workload, Predicate<String> served) {
        List<HttpCall> out = new ArrayList<>();
        for (Probe p : workload.probes()) {
            String bucket = p.need().resource().bucket();
            HttpCall call = bucket != null && served.test(bucket) ? plan(p) : null;
            if (call != null) {
                out.add(call);
            }
        }
        return out;
    }

    /** The writes the plans so far left out, by action, counting distinct requests of the mix. */
    public Map<String, Long> leftOutWrites() {
        return leftOutWrites;
    }

    /**
     * The call for {@code probe}, or null when its action has no plain HTTP form here, its
     * caller no key, or it writes and writes are off.
     */
    HttpCall plan(Probe probe) {
        Principal caller = probe.principal();
        AccessKey key = caller.uin() == null ? null : keys.get(caller.uin());
        if (caller.uin() != null && key == null) {
            return null;
        }
        String bucket = probe.need().resource().bucket();
        Bucket known = bucket == null ? null : snapshot.directory().bucket(bucket).orElse(null);
        if (known == null || !probe.need().resource().service().equals("cos")) {
            return null;
        }
        String objectKey = probe.need().resource().resource().substring(bucket.length() + 1);
        String action = ActionPattern.normalize(probe.need().action());
        String method;
        String target;
        byte[] body = new byte[0];
        switch (action) {
            case "cos:getobject", "cos:headobject", "cos:deleteobject", "cos:putobject" -> {
                if (objectKey.isEmpty()) {
                    return null;
                }
                method = action.substring(4, action.length() - "object".length()).toUpperCase(java.util.Locale.ROOT);
                target = PercentCodec.encodePath("/" + objectKey);
                if (method.equals("PUT")) {
                    body = BODY;
                }
            }
            case "cos:getbucket" -> {
                method = "GET";
                List<String> prefix = probe.context().get("cos:prefix");
                target = prefix.isEmpty() ? "/" : "/?prefix=" + prefix.get(0);
            }
            case "cos:headbucket" -> {
                method = "HEAD";
                target = "/";
            }
            default -> {
                return null;
            }
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            if (writePrefix == null) {
                leftOutWrites.merge(action, 1L, Long::sum);
                return null;
            }
            target = PercentCodec.encodePath("/" + writePrefix + objectKey);
        }
        return call(caller, key, probe.caller(), action, method, known, target, body);
    }

    /**
     * The request that removes what {@code written} (a write of this planner) wrote: a DELETE of
     * its key signed by the bucket owner's root account, or null when that account has no
     * active key.
     */
    public HttpCall removal(HttpCall written) {
        String bucket = written.host().substring(0, written.host().indexOf(".cos."));
        Bucket known = snapshot.directory().bucket(bucket).orElse(null);
        AccessKey key = known == null ? null : keys.get(known.ownerUin());
        if (key == null) {
            return null;
        }
        return call(new Principal.Root(known.ownerUin()), key, known.ownerUin(), "cos:deleteobject", "DELETE", known,
                written.target(), new byte[0]);
    }

    private HttpCall call(Principal caller, AccessKey key, String callerName, String action, String method,
            Bucket known, String target, byte[] body) {
        String host = known.name() + ".cos." + known.region() + ".myqcloud.com";
        List<String> headers = new ArrayList<>(List.of("Host", host, "Content-Length", Integer.toString(body.length)));
        CosRequest classified;
        try {
            classified = classifier.classify(method, target, RequestHeaders.of(headers.toArray(String[]::new)),
                    transport, snapshot.directory());
        } catch (ClassificationException e) {
            return null;
        }
        Decision predicted = engine.decideAll(caller, classified.needs(), classified.conditions());
        if (key != null) {
            headers.add("Authorization");
            headers.add(RequestSigner.authorization(new ClassifiedRequest(classified), key.secretId(), key.secretKey(),
                    validFrom, validTo, List.of("host", "content-length")));
        }
        return new HttpCall(callerName, action, method, host, target, List.copyOf(headers), body,
                predicted.allowed(), predicted.reason().label());
    }
}
