package io.camgate.sign;

import java.util.Map;

/**
 * A POST Object (browser form upload) as the classifier parsed it.
 *
 * @param fields        every form field except the file, by name (names compare case-insensitively)
 * @param bucket        the bucket the request acts on ({@code name-appid}), as authorized
 * @param key           the object key the request writes, as authorized, with {@code ${filename}}
 *                      already replaced by the uploaded file's name
 * @param contentLength the size of the uploaded file in bytes, or -1 when not known (then a
 *                      {@code content-length-range} condition fails)
 */
public record PostObjectForm(Map<String, String> fields, String bucket, String key, long contentLength) {
    /** Copies the fields. */
    public PostObjectForm {
        fields = Map.copyOf(fields);
    }
}
