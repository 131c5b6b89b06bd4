package io.camgate.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camgate.identity.Directory;
import io.camgate.sign.Authentication;
import io.camgate.sign.AuthenticationException;
import io.camgate.sign.Authenticator;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Verifies a TC3-HMAC-SHA256 signature as Tencent's "Signature v3" documentation defines it:
 * the canonical request (method, URI {@code /}, query, the signed headers in lower case with
 * trimmed values, their names, the hex SHA-256 of the payload), the string to sign with the
 * credential scope {@code <date>/cam/tc3_request}, and the key derived from
 * {@code "TC3" + SecretKey} through the date, the service and {@code tc3_request}. The request's
 * timestamp must be within five minutes of the gateway's clock and the scope's date must be its
 * UTC date; {@code content-type} and {@code host} must be signed; an unsigned payload is refused.
 *
 * <p>The SDKs sign only {@code content-type} and {@code host}, so {@code X-TC-Action} travels
 * outside their signature, as it does with Tencent's own endpoint: a client that lists
 * {@code x-tc-action} in SignedHeaders has it checked like any other signed header.
 */
final class Tc3Signature {
    static final String ALGORITHM = "TC3-HMAC-SHA256";
    static final String SERVICE = "cam";
    static final String TERMINATOR = "tc3_request";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    private final Authenticator authenticator;
    private final Clock clock;
    Tc3Signature(Authenticator authenticator, Clock clock) {
        this.authenticator = authenticator;
        this.clock = clock;
    }

    /** Whether {@code authorization} (the header's value) claims this scheme. */
    static boolean claims(String authorization) {
        return authorization.startsWith(ALGORITHM + " ");
    }

    /** The request's caller, action and parameters, once its signature holds. */
    CloudApiCall verify(FullHttpRequest request, Directory directory) throws CamException {
        Map<String, String> fields = fields(CloudApiHeaders.single(request, "authorization"));
        String[] credential = fields.get("Credential").split("/", -1);
        if (credential.length != 4 || credential[0].isEmpty()) {
            throw invalid("Credential is SecretId/date/service/tc3_request");
        }
        String timestamp = CloudApiHeaders.single(request, "x-tc-timestamp");
        String date = DATE.format(Instant.ofEpochSecond(CloudApiHeaders.checkTimestamp(timestamp, clock)));
        if (!credential[1].equals(date)) {
            throw failure("the credential scope's date " + credential[1] + " is not the timestamp's UTC date " + date);
        }
        if (!credential[2].equals(SERVICE)) {
            throw failure("the credential scope names service \"" + credential[2] + "\"; this endpoint is "
                    + SERVICE + " (the Java SDK takes the service from the endpoint's first label)");
        }
        if (!credential[3].equals(TERMINATOR)) {
            throw failure("the credential scope ends in " + TERMINATOR);
        }
        String signedHeaders = fields.get("SignedHeaders");
        String canonicalHeaders = canonicalHeaders(request, signedHeaders);
        if ("UNSIGNED-PAYLOAD".equalsIgnoreCase(request.headers().get("x-tc-content-sha256", ""))) {
            throw failure("an unsigned payload is not accepted; sign the body");
        }
        byte[] body = ByteBufUtil.getBytes(request.content());
        String uri = request.uri();
        int q = uri.indexOf('?');
        String canonicalRequest = request.method().name() + "\n/\n" + (q < 0 ? "" : uri.substring(q + 1)) + "\n"
                + canonicalHeaders + "\n" + signedHeaders + "\n" + HEX.formatHex(Digests.sha256(body));
        String scope = date + "/" + SERVICE + "/" + TERMINATOR;
        String stringToSign = ALGORITHM + "\n" + timestamp + "\n" + scope + "\n"
                + HEX.formatHex(Digests.sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        String signature = fields.get("Signature");
        if (signature.length() != 64 || !signature.equals(signature.toLowerCase(Locale.ROOT))) {
            throw invalid("Signature is 64 lower-case hex digits");
        }
        byte[] presented;
        try {
            presented = HEX.parseHex(signature);
        } catch (IllegalArgumentException e) {
            throw invalid("Signature is 64 lower-case hex digits");
        }
        Authentication caller;
        try {
            caller = authenticator.authenticateWith(credential[0], CloudApiHeaders.optional(request, "x-tc-token"),
                    directory, secret -> MessageDigest.isEqual(sign(secret, date, stringToSign), presented));
        } catch (AuthenticationException e) {
            throw new CamException(CamError.refusing(e.error()), e.error().message());
        }
        String action = CloudApiHeaders.single(request, "x-tc-action");
        CloudApiHeaders.checkVersion(CloudApiHeaders.single(request, "x-tc-version"));
        return new CloudApiCall(caller, action, params(request, body));
    }

    /** HMAC-SHA256 of {@code stringToSign} with the key derived from {@code secret} for {@code date}. */
    static byte[] sign(String secret, String date, String stringToSign) {
        byte[] key = Digests.hmac("HmacSHA256", ("TC3" + secret).getBytes(StandardCharsets.UTF_8), date);
        key = Digests.hmac("HmacSHA256", key, SERVICE);
        key = Digests.hmac("HmacSHA256", key, TERMINATOR);
        return Digests.hmac("HmacSHA256", key, stringToSign);
    }

    /** Credential, SignedHeaders and Signature, each exactly once. */
    private static Map<String, String> fields(String authorization) throws CamException {
        if (!claims(authorization)) {
            throw invalid("the Authorization header starts with " + ALGORITHM);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String part : authorization.substring(ALGORITHM.length() + 1).split(",", -1)) {
            String p = part.strip();
            int eq = p.indexOf('=');
            if (eq <= 0 || fields.put(p.substring(0, eq), p.substring(eq + 1)) != null) {
                throw invalid("the Authorization header has fields Credential, SignedHeaders and Signature, once each");
            }
        }
        if (fields.size() != 3 || !fields.containsKey("Credential") || !fields.containsKey("SignedHeaders")
                || !fields.containsKey("Signature")) {
            throw invalid("the Authorization header has fields Credential, SignedHeaders and Signature, once each");
        }
        return fields;
    }

    /** The canonical headers of {@code signedHeaders}: sorted lower-case names, each header present once. */
    private static String canonicalHeaders(FullHttpRequest request, String signedHeaders) throws CamException {
        List<String> names = List.of(signedHeaders.split(";", -1));
        if (!names.contains("content-type") || !names.contains("host")) {
            throw failure("SignedHeaders must include content-type and host");
        }
        StringBuilder out = new StringBuilder();
        String previous = "";
        for (String name : names) {
            if (name.compareTo(previous) <= 0 || !name.equals(name.toLowerCase(Locale.ROOT))) {
                throw failure("SignedHeaders are distinct lower-case names in ascending order");
            }
            previous = name;
            out.append(name).append(':')
                    .append(CloudApiHeaders.single(request, name).strip().toLowerCase(Locale.ROOT)).append('\n');
        }
        return out.toString();
    }

    private static JsonNode params(FullHttpRequest request, byte[] body) throws CamException {
        if (request.method().equals(HttpMethod.GET)) {
            return FlatParameters.toJson(CloudApiHeaders.queryParameters(request.uri()));
        }
        String type = request.headers().get("content-type", "").toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/json")) {
            throw new CamException(CamError.PARAM_ERROR, "a POST carries its parameters as application/json");
        }
        try {
            JsonNode params = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
            if (params == null || !params.isObject()) {
                throw new CamException(CamError.PARAM_ERROR, "the body is a JSON object");
            }
            return params;
        } catch (JsonProcessingException e) {
            throw new CamException(CamError.PARAM_ERROR, "the body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new CamException(CamError.PARAM_ERROR, "the body cannot be read");
        }
    }

    private static CamException invalid(String why) {
        return new CamException(CamError.AUTH_INVALID_AUTHORIZATION, why);
    }

    private static CamException failure(String why) {
        return new CamException(CamError.AUTH_SIGNATURE_FAILURE, why);
    }
}
