package io.camgate.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tencentcloudapi.common.AbstractModel;
import com.tencentcloudapi.common.CommonClient;
import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The official Tencent Cloud SDK for Java ({@code CommonClient}, the client every product client
 * extends) aimed at camgate's admin listener. The SDK names the service in its signature after
 * the endpoint's first label, so the endpoint stays {@code cam.tencentcloudapi.com} and the
 * admin listener is the SDK's HTTP proxy, over plain HTTP on loopback: nothing leaves the machine.
 */
public final class CloudApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CloudApi() {
    }

    /** A CAM client signing with TC3-HMAC-SHA256. */
    public static CommonClient cam(int adminPort, String secretId, String secretKey) {
        return cam(adminPort, new Credential(secretId, secretKey), ClientProfile.SIGN_TC3_256, "cam");
    }

    /**
     * A client for {@code service} ({@code cam}, or another to test the scope) with
     * {@code credential} and {@code signMethod} (TC3-HMAC-SHA256, HmacSHA1, HmacSHA256).
     */
    public static CommonClient cam(int adminPort, Credential credential, String signMethod, String service) {
        HttpProfile http = new HttpProfile();
        http.setProtocol(HttpProfile.REQ_HTTP);
        http.setProxyHost("127.0.0.1");
        http.setProxyPort(adminPort);
        http.setReadTimeout(30);
        return new CommonClient(service, "2019-01-16", credential, "ap-shanghai", new ClientProfile(signMethod, http));
    }

    /**
     * Calls {@code action} with {@code params} (values: strings, numbers, lists, maps).
     *
     * @return the {@code Response} object
     * @throws TencentCloudSDKException as the SDK raises it, with the API's error code
     */
    public static JsonNode call(CommonClient client, String action, Map<String, Object> params)
            throws TencentCloudSDKException {
        // a TC3 POST carries JSON; GET and the older form carry flat names, as the SDK's models give them
        boolean json = ClientProfile.SIGN_TC3_256.equals(client.getClientProfile().getSignMethod())
                && HttpProfile.REQ_POST.equals(client.getClientProfile().getHttpProfile().getReqMethod());
        String raw = client.commonRequest(new Params(params, json), action);
        try {
            return JSON.readTree(raw).path("Response");
        } catch (IOException e) {
            throw new IllegalStateException("the SDK accepted an answer that is not JSON: " + raw, e);
        }
    }

    /**
     * An action's parameters, shaped as the SDK's generated request models are: sent as the JSON
     * body for a TC3 POST, or flattened ({@code Name.0.Field}) for GET and the older signature form.
     */
    private static final class Params extends AbstractModel {
        private final Map<String, Object> values;

        Params(Map<String, Object> values, boolean json) {
            this.values = values;
            if (json) {
                values.forEach(this::set);
            }
        }

        @Override
        protected void toMap(HashMap<String, String> map, String prefix) {
            flatten(map, prefix, values);
        }

        private static void flatten(HashMap<String, String> map, String prefix, Object value) {
            if (value instanceof Map<?, ?> m) {
                m.forEach((k, v) -> flatten(map, prefix + k + ".", v));
            } else if (value instanceof List<?> l) {
                for (int i = 0; i < l.size(); i++) {
                    flatten(map, prefix + i + ".", l.get(i));
                }
            } else {
                map.put(prefix.substring(0, prefix.length() - 1), String.valueOf(value));
            }
        }
    }
}
