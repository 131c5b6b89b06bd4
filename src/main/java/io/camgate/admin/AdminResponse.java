package io.camgate.admin;

import java.nio.charset.StandardCharsets;

/**
 * What an admin endpoint answers.
 *
 * @param status      the HTTP status
 * @param contentType the media type
 * @param body        the body
 */
record AdminResponse(int status, String contentType, byte[] body) {
    static final String JSON = "application/json; charset=utf-8";
    static final String TEXT = "text/plain; charset=utf-8";

    static AdminResponse json(int status, String json) {
        return new AdminResponse(status, JSON, json.getBytes(StandardCharsets.UTF_8));
    }

    static AdminResponse text(int status, String text) {
        return new AdminResponse(status, TEXT, text.getBytes(StandardCharsets.UTF_8));
    }
}
