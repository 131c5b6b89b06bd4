package io.camgate.cos;

import java.util.Locale;
import java.util.Map;

/**
 * The start of a POST Object body as {@link PostFormReader} read it: the form fields that
 * precede the file, in order, and where the file part and its content begin. Nothing after
 * the file part's headers has been read.
 *
 * @param boundary     the multipart boundary from the request's Content-Type
 * @param fields       the fields before the file, by name as sent (names are unique ignoring case)
 * @param fileName     the file part's {@code filename} parameter, {@code ""} when absent
 * @param filePart     the offset of the file part's opening delimiter ({@code --boundary}): the
 *                     bytes before it are the fields, which a forwarder may replace
 * @param fileContent  the offset of the file's first content byte
 */
public record PostForm(String boundary, Map<String, String> fields, String fileName, int filePart,
        int fileContent) {
    private static final String FILENAME = "${filename}";

    /** Copies the fields. */
    public PostForm {
        fields = Map.copyOf(fields);
    }

    /** The value of field {@code name} (compared ignoring case), or null. */
    public String field(String name) {
        for (Map.Entry<String, String> e : fields.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    /**
     * The key the upload writes: the {@code key} field with its one {@code ${filename}}
     * replaced by the file's name, as COS and S3 do.
     *
     * @throws ClassificationException when there is no key field, it is empty, holds a control
     *                                 character, or still reads {@code ${filename}} after the
     *                                 replacement (a store would replace it again)
     */
    public String objectKey() throws ClassificationException {
        String field = field("key");
        if (field == null) {
            throw new ClassificationException(CosError.MALFORMED_POST_REQUEST, "The form has no key field.");
        }
        String key = field.replace(FILENAME, fileName);
        if (key.isEmpty() || key.chars().anyMatch(c -> c < 0x20 || c == 0x7F) || key.contains(FILENAME)) {
            throw new ClassificationException(CosError.INVALID_ARGUMENT,
                    "The form's key is empty, holds a control character, or a file name holding ${filename}.");
        }
        return key;
    }

    /** The bytes that close the form after the file: {@code \r\n--boundary--\r\n}. */
    public int closingLength() {
        return closing(boundary).length();
    }

    /** {@code \r\n--boundary--\r\n}. */
    static String closing(String boundary) {
        return "\r\n--" + boundary + "--\r\n";
    }

    @Override
    public String toString() {
        return "PostForm[fields " + fields.keySet().stream().map(k -> k.toLowerCase(Locale.ROOT)).sorted().toList()
                + ", file at " + fileContent + "]";
    }
}
