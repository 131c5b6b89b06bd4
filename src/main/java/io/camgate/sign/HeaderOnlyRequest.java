package io.camgate.sign;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A request without query parameters, as a client about to sign it sees it: the method, the
 * decoded path and the headers it will send (names compared case-insensitively).
 *
 * @param method  the HTTP method
 * @param path    the decoded path
 * @param headers the headers, one value each
 */
public record HeaderOnlyRequest(String method, String path, Map<String, String> headers) implements SignedRequest {
    @Override
    public int parameterCount() {
        return 0;
    }

    @Override
    public String parameterName(int index) {
        throw new IndexOutOfBoundsException(index);
    }

    @Override
    public String parameterValue(int index) {
        throw new IndexOutOfBoundsException(index);
    }

    @Override
    public List<String> headerValues(String name) {
        List<String> out = new ArrayList<>(1);
        headers.forEach((k, v) -> {
            if (k.equalsIgnoreCase(name)) {
                out.add(v);
            }
        });
        return out;
    }
}
