package io.camgate.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camgate.config.ConfigReloader;
import io.camgate.identity.Directory;
import io.camgate.sign.Authenticator;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/**
 * {@code /} on the admin listener: the CAM API as Tencent Cloud API 3.0, as the official SDKs
 * and {@code tccli} send it to {@code cam.tencentcloudapi.com}. A request is signed with
 * TC3-HMAC-SHA256 in the {@code Authorization} header ({@link Tc3Signature}) or, in the older
 * form, with HmacSHA1 or HmacSHA256 in a {@code Signature} parameter ({@link ParameterSignature}).
 * Every answer is HTTP 200 with {@code {"Response": {..., "RequestId"}}}; a refusal puts
 * {@code Error: {Code, Message}} in the response, which the SDKs raise as their exception with
 * that code.
 */
final class CloudApiEndpoint {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConfigReloader reloader;
    private final CamService service;
    private final Tc3Signature tc3;
    private final ParameterSignature older;

    CloudApiEndpoint(Authenticator authenticator, ConfigReloader reloader, CamService service, Clock clock) {
        this.reloader = reloader;
        this.service = service;
        this.tc3 = new Tc3Signature(authenticator, clock);
        this.older = new ParameterSignature(authenticator, clock,
                new ReplayGuard(CloudApiHeaders.SKEW.multipliedBy(2)));
    }

    AdminResponse handle(FullHttpRequest request, String path) {
        ObjectNode out = JSON.createObjectNode();
        ObjectNode response = out.putObject("Response");
        int status = 200;
        try {
            CloudApiCall call = verify(request, path);
            response.setAll(service.call(call.caller(), call.action(), call.params()));
        } catch (CamException e) {
            response.putObject("Error").put("Code", e.code()).put("Message", e.getMessage());
            // a store outage is the one refusal a load balancer or client should retry elsewhere
            status = e.error() == CamError.STORE_UNAVAILABLE ? 503 : 200;
        }
        response.put("RequestId", UUID.randomUUID().toString());
        try {
            return AdminResponse.json(status, JSON.writeValueAsString(out));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree always serializes", e);
        }
    }

    private CloudApiCall verify(FullHttpRequest request, String path) throws CamException {
        HttpMethod method = request.method();
        if (!method.equals(HttpMethod.POST) && !method.equals(HttpMethod.GET)) {
            throw new CamException(CamError.PARAM_ERROR, "the API takes POST or GET");
        }
        Directory directory = reloader.current().snapshot().directory();
        String authorization = CloudApiHeaders.optional(request, "authorization");
        if (authorization != null) {
            return tc3.verify(request, directory);
        }
        Map<String, String> params = ParameterSignature.parameters(request);
        if (!params.containsKey("Signature")) {
            throw new CamException(CamError.AUTH_INVALID_AUTHORIZATION, "sign the request: TC3-HMAC-SHA256 in the "
                    + "Authorization header, or HmacSHA1/HmacSHA256 in a Signature parameter");
        }
        return older.verify(request, path, params, directory);
    }
}
