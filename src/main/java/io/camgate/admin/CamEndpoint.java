package io.camgate.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camgate.config.ConfigReloader;
import io.camgate.sign.AuthenticationException;
import io.camgate.sign.Authentication;
import io.camgate.sign.Authenticator;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.FullHttpRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * {@code POST /cam}: the CAM management API. The caller signs the request the COS v5 way with
 * one of its access keys, signing at least {@code host}, {@code content-md5} and (for a CAM 3.0
 * call) {@code x-tc-action}; the body is tied to the signature through the Content-MD5, which
 * is checked here, so a signed request cannot be replayed with another body. A CAM 3.0 call
 * names its action in {@code X-TC-Action} and carries its parameters as the JSON body, and is
 * answered {@code {"Response":{...,"RequestId"}}}; a body that is a legacy envelope is
 * answered in kind.
 */
final class CamEndpoint {
    static final String ACTION_HEADER = "x-tc-action";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Authenticator authenticator;
    private final ConfigReloader reloader;
    private final CamService service;

    CamEndpoint(Authenticator authenticator, ConfigReloader reloader, CamService service) {
        this.authenticator = authenticator;
        this.reloader = reloader;
        this.service = service;
    }

    AdminResponse handle(FullHttpRequest request) {
        byte[] body = ByteBufUtil.getBytes(request.content());
        String requestId = UUID.randomUUID().toString();
        JsonNode parsed = null;
        LegacyEnvelope legacy = null;
        try {
            Authentication caller = authenticate(request, body);
            try {
                parsed = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new CamException(CamError.PARAM_ERROR, "the body is not JSON: " + e.getOriginalMessage());
            } catch (IOException e) {
                throw new CamException(CamError.PARAM_ERROR, "the body cannot be read");
            }
            String action;
            JsonNode params;
            if (LegacyEnvelope.is(parsed)) {
                legacy = LegacyEnvelope.read(parsed);
                action = legacy.action();
                params = legacy.params();
            } else {
                List<String> names = request.headers().getAll(ACTION_HEADER);
                if (names.size() != 1) {
                    throw new CamException(CamError.MISSING_PARAMETER, "name the action in one X-TC-Action header");
                }
                action = names.get(0);
                params = parsed;
            }
            ObjectNode result = service.call(caller, action, params);
            if (legacy != null) {
                return json(legacy.success(result));
            }
            result.put("RequestId", requestId);
            ObjectNode out = JSON.createObjectNode();
            out.set("Response", result);
            return json(out);
        } catch (CamException e) {
            if (legacy != null || LegacyEnvelope.is(parsed)) {
                return json(legacy != null ? legacy.failure(e) : LegacyEnvelope.failure(parsed.path("eventId"), e));
            }
            ObjectNode out = JSON.createObjectNode();
            ObjectNode response = out.putObject("Response");
            response.putObject("Error").put("Code", e.code()).put("Message", e.getMessage());
            response.put("RequestId", requestId);
            return json(out, e.error() == CamError.STORE_UNAVAILABLE ? 503 : 200);
        }
    }

    private Authentication authenticate(FullHttpRequest request, byte[] body) throws CamException {
        AdminRequest signed = new AdminRequest(request);
        Authentication auth;
        try {
            auth = authenticator.authenticate(signed, reloader.current().snapshot().directory());
        } catch (AuthenticationException e) {
            throw new CamException(CamError.refusing(e.error()), e.error().message());
        }
        if (auth.isAnonymous()) {
            throw new CamException(CamError.AUTH_SIGNATURE_FAILURE, "the CAM API takes signed requests only");
        }
        if (!auth.isHeaderSigned("content-md5")
                || request.headers().contains(ACTION_HEADER) && !auth.isHeaderSigned(ACTION_HEADER)) {
            throw new CamException(CamError.AUTH_SIGNATURE_FAILURE, "sign content-md5 and x-tc-action too");
        }
        String md5 = request.headers().get("content-md5");
        if (md5 == null || !MessageDigest.isEqual(md5.strip().getBytes(StandardCharsets.US_ASCII),
                Base64.getEncoder().encode(Digests.md5(body)))) {
            throw new CamException(CamError.AUTH_SIGNATURE_FAILURE, "Content-MD5 does not match the body");
        }
        return auth;
    }

    private static AdminResponse json(ObjectNode node) {
        return json(node, 200);
    }

    /** {@code node} with {@code status}: 503 only when the shared store is down, so that a client retries. */
    private static AdminResponse json(ObjectNode node, int status) {
        try {
            return AdminResponse.json(status, JSON.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree always serializes", e);
        }
    }
}
