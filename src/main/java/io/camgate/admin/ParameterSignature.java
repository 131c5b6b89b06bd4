package io.camgate.admin;

import io.camgate.identity.Directory;
import io.camgate.sign.Authentication;
import io.camgate.sign.AuthenticationException;
import io.camgate.sign.Authenticator;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Verifies the older Cloud API signature, which the SDKs still offer as {@code HmacSHA1} and
 * {@code HmacSHA256}: every parameter, the common ones included, travels in the query (GET) or
 * a form body (POST), and {@code Signature} is the Base64 HMAC, under the SecretKey, of the
 * method, the host, the path and {@code ?} followed by the other parameters sorted by name as
 * {@code name=value} joined with {@code &} (values as they are, names with {@code _} read as
 * {@code .}). The timestamp must be within five minutes of the gateway's clock; a nonce is
 * accepted once.
 */
final class ParameterSignature {
    private static final Set<String> COMMON = Set.of("Action", "Nonce", "Region", "SecretId", "Signature",
            "SignatureMethod", "Timestamp", "Token", "Version", "Language", "RequestClient");

    private final Authenticator authenticator;
    private final Clock clock;
    private final ReplayGuard replays;

    ParameterSignature(Authenticator authenticator, Clock clock, ReplayGuard replays) {
        this.authenticator = authenticator;
        this.clock = clock;
        this.replays = replays;
    }

    /** The request's parameters, common ones included: the query of a GET, the form of a POST. */
    static Map<String, String> parameters(FullHttpRequest request) throws CamException {
        if (request.method().equals(HttpMethod.GET)) {
            return CloudApiHeaders.queryParameters(request.uri());
        }
        String type = request.headers().get("content-type", "").toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/x-www-form-urlencoded")) {
            return Map.of();
        }
        return CloudApiHeaders.parameters(new QueryStringDecoder(
                request.content().toString(StandardCharsets.UTF_8), StandardCharsets.UTF_8, false));
    }

    /** The request's caller, action and parameters, once its signature holds. */
    CloudApiCall verify(FullHttpRequest request, String path, Map<String, String> params, Directory directory)
            throws CamException {
        String method = params.getOrDefault("SignatureMethod", "HmacSHA1");
        if (!method.equals("HmacSHA1") && !method.equals("HmacSHA256")) {
            throw new CamException(CamError.AUTH_SIGNATURE_FAILURE, "SignatureMethod is HmacSHA1 or HmacSHA256");
        }
        String secretId = required(params, "SecretId");
        String timestamp = required(params, "Timestamp");
        String nonce = required(params, "Nonce");
        String action = required(params, "Action");
        byte[] presented;
        try {
            presented = Base64.getDecoder().decode(required(params, "Signature"));
        } catch (IllegalArgumentException e) {
            throw new CamException(CamError.AUTH_SIGNATURE_FAILURE, "Signature is Base64");
        }
        CloudApiHeaders.checkTimestamp(timestamp, clock);
        StringBuilder plain = new StringBuilder(request.method().name())
                .append(CloudApiHeaders.single(request, "host")).append(path);
        char separator = '?';
        for (Map.Entry<String, String> e : new TreeMap<>(params).entrySet()) {
            if (!e.getKey().equals("Signature")) {
                plain.append(separator).append(e.getKey().replace('_', '.')).append('=').append(e.getValue());
                separator = '&';
            }
        }
        String text = plain.toString();
        Authentication caller;
        try {
            caller = authenticator.authenticateWith(secretId, params.get("Token"), directory, secret ->
                    MessageDigest.isEqual(Digests.hmac(method, secret.getBytes(StandardCharsets.UTF_8), text),
                            presented));
        } catch (AuthenticationException e) {
            throw new CamException(CamError.refusing(e.error()), e.error().message());
        }
        CloudApiHeaders.checkVersion(required(params, "Version"));
        replays.once(secretId, nonce, timestamp);
        Map<String, String> own = new TreeMap<>(params);
        own.keySet().removeAll(COMMON);
        return new CloudApiCall(caller, action, FlatParameters.toJson(own));
    }

    private static String required(Map<String, String> params, String name) throws CamException {
        String value = params.get(name);
        if (value == null || value.isEmpty()) {
            throw new CamException(CamError.MISSING_PARAMETER, "the request lacks " + name);
        }
        return value;
    }
}
