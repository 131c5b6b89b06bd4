package io.camgate.admin;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The common parts of a Tencent Cloud API request that both signature forms read: headers given
 * once, the timestamp and its allowed skew (five minutes either side, as the API documents),
 * the API version, and parameters given once each.
 */
final class CloudApiHeaders {
    /** The one version of the CAM API there is. */
    static final String VERSION = "2019-01-16";
    /** How far a request's timestamp may be from the gateway's clock. */
    static final Duration SKEW = Duration.ofMinutes(5);

    private CloudApiHeaders() {
    }

    /** Header {@code name}, given exactly once. */
    static String single(FullHttpRequest request, String name) throws CamException {
        List<String> values = request.headers().getAll(name);
        if (values.size() != 1) {
            throw new CamException(values.isEmpty() ? CamError.MISSING_PARAMETER : CamError.PARAM_ERROR,
                    "give the " + name + " header once");
        }
        return values.get(0);
    }

    /** Header {@code name}, given at most once; null when absent or empty. */
    static String optional(FullHttpRequest request, String name) throws CamException {
        if (!request.headers().contains(name)) {
            return null;
        }
        String value = single(request, name).strip();
        return value.isEmpty() ? null : value;
    }

    /**
     * The timestamp (Unix seconds), refused when it is not a number or further than {@link #SKEW}
     * from {@code clock}.
     */
    static long checkTimestamp(String text, Clock clock) throws CamException {
        long seconds;
        try {
            seconds = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new CamException(CamError.INVALID_PARAMETER_VALUE, "the timestamp is Unix seconds, not \""
                    + text + "\"");
        }
        long now = Math.floorDiv(clock.millis(), 1000L);
        if (Math.abs(now - seconds) > SKEW.toSeconds()) {
            throw new CamException(CamError.AUTH_SIGNATURE_EXPIRE, "the timestamp " + seconds + " is more than "
                    + SKEW.toMinutes() + " minutes from the server's time " + now);
        }
        return seconds;
    }

    static void checkVersion(String version) throws CamException {
        if (!VERSION.equals(version)) {
            throw new CamException(CamError.NO_SUCH_VERSION, "the CAM API's version is " + VERSION + ", not \""
                    + version + "\"");
        }
    }

    /** The parameters of a query string or a form body, each name once. */
    static Map<String, String> parameters(QueryStringDecoder decoder) throws CamException {
        Map<String, String> out = new HashMap<>();
        for (Map.Entry<String, List<String>> e : decoder.parameters().entrySet()) {
            if (e.getValue().size() != 1) {
                throw new CamException(CamError.PARAM_ERROR, "parameter " + e.getKey() + " is given more than once");
            }
            out.put(e.getKey(), e.getValue().get(0));
        }
        return out;
    }

    /** The query parameters of {@code uri}. */
    static Map<String, String> queryParameters(String uri) throws CamException {
        return parameters(new QueryStringDecoder(uri));
    }
}
