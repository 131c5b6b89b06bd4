package io.camgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.camgate.admin.DecisionQuery;
import io.camgate.authz.Need;
import io.camgate.cos.ClassificationException;
import io.camgate.cos.CosRequest;
import io.camgate.cos.CosSettings;
import io.camgate.cos.PercentCodec;
import io.camgate.cos.RequestClassifier;
import io.camgate.cos.RequestHeaders;
import io.camgate.cos.Transport;
import io.camgate.identity.AccessKey;
import io.camgate.identity.Bucket;
import io.camgate.identity.Directory;
import io.camgate.identity.Principal;
import io.camgate.identity.RootAccount;
import io.camgate.identity.SubUser;
import io.camgate.policy.ConditionContext;
import io.camgate.policy.PolicyProblem;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Turns the {@code request} of a test into what the engine decides on. With {@code action},
 * the request is the question {@code explain} answers: that action on the bucket and key (or
 * on {@code resource}) with exactly the given context. With {@code method}, the gateway's own
 * classifier reads a virtual-hosted request on the bucket, as if sent over TLS from
 * {@code 127.0.0.1}, and the given context keys replace what it computed.
 */
final class TestRequests {
    private static final Set<String> FIELDS = Set.of("caller", "secretId", "action", "method", "bucket", "key",
            "resource", "query", "context");

    private final Directory directory;
    private final RequestClassifier classifier = new RequestClassifier(CosSettings.DEFAULTS, Clock.systemUTC());

    /** What the engine decides on. */
    record Resolved(Principal principal, List<Need> needs, ConditionContext context) {
    }

    TestRequests(Directory directory) {
        this.directory = directory;
    }

    /** The request at {@code at}, or null after reporting its problems to {@code problem} (pointer, reason). */
    Resolved resolve(JsonNode node, String at, BiConsumer<String, String> problem) {
        if (node == null || !node.isObject()) {
            problem.accept(at, "expected a mapping: caller (or secretId), action (or method), bucket, key, context");
            return null;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String name = it.next();
            if (!FIELDS.contains(name)) {
                problem.accept(at + "/" + PolicyProblem.pointerToken(name), "unknown field; expected one of "
                        + FIELDS.stream().sorted().toList());
            }
        }
        Principal caller = caller(node, at, problem);
        ConditionContext context = context(node.get("context"), at + "/context", problem);
        boolean byAction = node.has("action");
        if (byAction == node.has("method")) {
            problem.accept(at, "give either \"action\" (a CAM action) or \"method\" (an HTTP request)");
            return null;
        }
        if (caller == null || context == null) {
            return null;
        }
        return byAction ? byAction(node, at, caller, context, problem) : byMethod(node, at, caller, context, problem);
    }

    private Resolved byAction(JsonNode node, String at, Principal caller, ConditionContext context,
            BiConsumer<String, String> problem) {
        if (node.has("query")) {
            problem.accept(at + "/query", "\"query\" goes with \"method\"; with \"action\" the context says it all");
            return null;
        }
        String action = node.path("action").asText("");
        if (action.isBlank()) {
            problem.accept(at + "/action", "is a CAM action, e.g. cos:GetObject");
            return null;
        }
        String resource;
        if (node.has("resource")) {
            if (node.has("bucket") || node.has("key")) {
                problem.accept(at + "/resource", "give \"resource\" or \"bucket\" and \"key\", not both");
                return null;
            }
            resource = node.path("resource").asText("");
        } else {
            Bucket bucket = bucket(node, at, problem);
            if (bucket == null) {
                return null;
            }
            resource = "qcs::cos:" + bucket.region() + ":uid/" + bucket.appid() + ":" + bucket.name() + "/"
                    + node.path("key").asText("");
        }
        // the question explain answers, read as explain reads it
        try {
            DecisionQuery q = DecisionQuery.of(directory, caller.uin() == null ? "anonymous" : caller.uin(), action,
                    resource, context);
            return new Resolved(q.principal(), List.of(q.need()), q.context());
        } catch (IllegalArgumentException e) {
            problem.accept(at + (node.has("resource") ? "/resource" : ""), e.getMessage());
            return null;
        }
    }

    private Resolved byMethod(JsonNode node, String at, Principal caller, ConditionContext given,
            BiConsumer<String, String> problem) {
        if (node.has("resource")) {
            problem.accept(at + "/resource", "\"resource\" goes with \"action\"; with \"method\" give bucket and key");
            return null;
        }
        Bucket bucket = bucket(node, at, problem);
        if (bucket == null) {
            return null;
        }
        String method = node.path("method").asText("").toUpperCase(Locale.ROOT);
        StringBuilder target = new StringBuilder(PercentCodec.encodePath("/" + node.path("key").asText("")));
        JsonNode query = node.get("query");
        if (query != null && !query.isObject()) {
            problem.accept(at + "/query", "is a mapping of parameter names to values (an empty value for a bare name)");
            return null;
        }
        char sep = '?';
        Iterator<Map.Entry<String, JsonNode>> params = query == null ? Collections.emptyIterator() : query.fields();
        while (params.hasNext()) {
            Map.Entry<String, JsonNode> p = params.next();
            target.append(sep).append(PercentCodec.encodeComponent(p.getKey()));
            String value = p.getValue().isNull() ? "" : p.getValue().asText("");
            if (!value.isEmpty()) {
                target.append('=').append(PercentCodec.encodeComponent(value));
            }
            sep = '&';
        }
        List<String> ip = given.get("qcs:ip");
        String peer = ip.isEmpty() ? "127.0.0.1" : ip.get(0);
        Transport transport = given.get("cos:secure-transport").equals(List.of("false")) ? Transport.plain(peer)
                : Transport.tls(peer, "TLSv1.3");
        String host = bucket.name() + ".cos." + bucket.region() + ".myqcloud.com";
        CosRequest classified;
        try {
            classified = classifier.classify(method, target.toString(),
                    RequestHeaders.of("Host", host, "Content-Length", "0"), transport, directory);
        } catch (ClassificationException e) {
            problem.accept(at, "the gateway would refuse this request before deciding: " + e.getMessage());
            return null;
        }
        ConditionContext.Builder merged = ConditionContext.builder();
        classified.conditions().asMap().forEach((k, v) -> {
            if (!given.asMap().containsKey(k)) {
                merged.addAll(k, v);
            }
        });
        given.asMap().forEach(merged::addAll);
        return new Resolved(caller, classified.needs(), merged.build());
    }

    private Bucket bucket(JsonNode node, String at, BiConsumer<String, String> problem) {
        String name = node.path("bucket").asText("");
        Bucket bucket = name.isEmpty() ? null : directory.bucket(name).orElse(null);
        if (bucket == null) {
            problem.accept(at + "/bucket", name.isEmpty() ? "give the bucket (name-appid)"
                    : "no bucket \"" + name + "\" in accounts.yaml");
        }
        return bucket;
    }

    private Principal caller(JsonNode node, String at, BiConsumer<String, String> problem) {
        if (node.has("caller") == node.has("secretId")) {
            problem.accept(at, "give either \"caller\" (a uin, a sub-user's name or anonymous) or \"secretId\"");
            return null;
        }
        if (node.has("secretId")) {
            String id = node.path("secretId").asText("");
            AccessKey key = directory.key(id).orElse(null);
            if (key == null || !key.isActive()) {
                problem.accept(at + "/secretId", key == null ? "no access key \"" + id + "\" in accounts.yaml"
                        : "key " + id + " is inactive: the gateway refuses it before any decision");
                return null;
            }
            return directory.holder(key);
        }
        String who = node.path("caller").asText("");
        if (who.equals("anonymous")) {
            return Principal.ANONYMOUS;
        }
        Principal byUin = directory.principal(who).orElse(null);
        if (byUin != null) {
            return byUin;
        }
        List<SubUser> named = new ArrayList<>();
        for (RootAccount root : directory.accounts()) {
            root.users().stream().filter(u -> who.equals(u.name())).forEach(named::add);
        }
        if (named.size() != 1) {
            problem.accept(at + "/caller", named.isEmpty()
                    ? "no root account or sub-user \"" + who + "\" (a uin, a sub-user's name, or anonymous)"
                    : "several sub-users are named \"" + who + "\": give the uin");
            return null;
        }
        return new Principal.SubUser(named.get(0).uin(), named.get(0).ownerUin());
    }

    private static ConditionContext context(JsonNode node, String at, BiConsumer<String, String> problem) {
        try {
            return DecisionQuery.context(node);
        } catch (IllegalArgumentException e) {
            problem.accept(at, e.getMessage());
            return null;
        }
    }
}
