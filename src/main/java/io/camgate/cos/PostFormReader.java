package io.camgate.cos;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the start of a POST Object body ({@code multipart/form-data}, RFC 7578): the fields
 * before the {@code file} part and that part's headers, and stops there, so the file itself is
 * never read here. The whole start must fit in {@link #MAX_FIELD_BYTES}.
 *
 * <p>Strict where a lenient reading could let two parsers disagree about the form: the body
 * starts with the first delimiter (no preamble), each part has exactly one
 * {@code Content-Disposition: form-data} with one {@code name}, no header is folded or
 * repeated, field names are unique ignoring case, values are UTF-8. A violation is a 400
 * MalformedPOSTRequest.
 */
public final class PostFormReader {
    /** The most bytes of fields (with the file part's headers) read before the file. */
    public static final int MAX_FIELD_BYTES = 64 * 1024;
    private static final int MAX_BOUNDARY = 70;
    private static final String FILE = "file";

    private PostFormReader() {
    }

    /**
     * The boundary of a {@code multipart/form-data} Content-Type.
     *
     * @throws ClassificationException when the type is another or has no usable boundary
     */
    public static String boundary(String contentType) throws ClassificationException {
        if (contentType == null) {
            throw malformed("A POST Object request needs Content-Type: multipart/form-data.");
        }
        String[] parts = contentType.split(";");
        if (!parts[0].strip().equalsIgnoreCase("multipart/form-data")) {
            throw malformed("A POST Object request needs Content-Type: multipart/form-data, not " + parts[0].strip()
                    + ".");
        }
        String boundary = null;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).strip().equalsIgnoreCase("boundary")) {
                if (boundary != null) {
                    throw malformed("The Content-Type names two boundaries.");
                }
                boundary = unquote(p.substring(eq + 1).strip());
            }
        }
        if (boundary == null || boundary.isEmpty() || boundary.length() > MAX_BOUNDARY
                || !boundary.chars().allMatch(PostFormReader::boundaryChar) || boundary.endsWith(" ")) {
            throw malformed("The multipart boundary is missing or not 1 to 70 boundary characters.");
        }
        return boundary;
    }

    private static boolean boundaryChar(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "'()+_,-./:=? ".indexOf(c) >= 0;
    }

    /**
     * Reads the fields of {@code body[0, length)}.
     *
     * @param complete whether the body ends there
     * @return the form up to the file's content, or null when more bytes are needed
     * @throws ClassificationException when the form is malformed, has no file part, or its
     *                                 fields exceed {@link #MAX_FIELD_BYTES}
     */
    public static PostForm read(byte[] body, int length, String boundary, boolean complete)
            throws ClassificationException {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        int limit = Math.min(length, MAX_FIELD_BYTES);
        Map<String, String> fields = new LinkedHashMap<>();
        if (limit < delimiter.length + 2) {
            return more(length, complete);
        }
        if (!startsWith(body, 0, delimiter) || body[delimiter.length] != '\r' || body[delimiter.length + 1] != '\n') {
            throw malformed("The form does not start with its boundary.");
        }
        int partStart = 0;
        int at = delimiter.length + 2;
        while (true) {
            int headersEnd = indexOf(body, at, limit, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            if (headersEnd < 0) {
                return more(length, complete);
            }
            Disposition d = disposition(body, at, headersEnd);
            int content = headersEnd + 4;
            if (d.name.equalsIgnoreCase(FILE)) {
                return new PostForm(boundary, fields, d.fileName == null ? "" : d.fileName, partStart, content);
            }
            byte[] next = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
            int end = indexOf(body, content, limit, next);
            if (end < 0 || end + next.length + 2 > limit) {
                return more(length, complete);
            }
            String value = utf8(body, content, end);
            if (fields.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(d.name))) {
                throw malformed("The form field " + d.name + " is given twice.");
            }
            fields.put(d.name, value);
            int after = end + next.length;
            if (body[after] == '-' && body[after + 1] == '-') {
                throw malformed("The form has no file field.");
            }
            if (body[after] != '\r' || body[after + 1] != '\n') {
                throw malformed("A form boundary is followed by something else than a line end.");
            }
            partStart = end + 2;
            at = after + 2;
        }
    }

    private static PostForm more(int length, boolean complete) throws ClassificationException {
        if (length >= MAX_FIELD_BYTES) {
            throw malformed("The form fields before the file exceed " + MAX_FIELD_BYTES + " bytes.");
        }
        if (complete) {
            throw malformed("The form ends before its file field.");
        }
        return null;
    }

    /** What a part's headers say: its name and file name. */
    private record Disposition(String name, String fileName) {
    }

    private static Disposition disposition(byte[] body, int from, int to) throws ClassificationException {
        String headers = utf8(body, from, to);
        Disposition found = null;
        boolean typed = false;
        for (String line : headers.split("\r\n", -1)) {
            int colon = line.indexOf(':');
            if (line.isEmpty() || line.charAt(0) == ' ' || line.charAt(0) == '\t' || colon <= 0
                    || line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0) {
                throw malformed("A form part has a malformed or folded header line.");
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (name.equals("content-disposition")) {
                if (found != null) {
                    throw malformed("A form part has two Content-Disposition headers.");
                }
                found = parseDisposition(value);
            } else if (name.equals("content-type")) {
                if (typed) {
                    throw malformed("A form part has two Content-Type headers.");
                }
                typed = true;
            } else {
                throw malformed("A form part has the header " + name + ", which POST Object does not read.");
            }
        }
        if (found == null) {
            throw malformed("A form part has no Content-Disposition.");
        }
        return found;
    }

    private static Disposition parseDisposition(String value) throws ClassificationException {
        Map<String, String> params = new LinkedHashMap<>();
        int semi = value.indexOf(';');
        if (semi < 0 || !value.substring(0, semi).strip().equalsIgnoreCase("form-data")) {
            throw malformed("A form part is not Content-Disposition: form-data.");
        }
        int i = semi + 1;
        while (i < value.length()) {
            while (i < value.length() && (value.charAt(i) == ' ' || value.charAt(i) == '\t')) {
                i++;
            }
            int eq = value.indexOf('=', i);
            if (eq < 0) {
                throw malformed("A Content-Disposition parameter has no value.");
            }
            String name = value.substring(i, eq).strip().toLowerCase(Locale.ROOT);
            StringBuilder v = new StringBuilder();
            i = eq + 1;
            if (i < value.length() && value.charAt(i) == '"') {
                i++;
                while (i < value.length() && value.charAt(i) != '"') {
                    char c = value.charAt(i);
                    if (c == '\\') {
                        throw malformed("A Content-Disposition parameter holds a backslash escape.");
                    }
                    v.append(c);
                    i++;
                }
                if (i >= value.length()) {
                    throw malformed("A Content-Disposition parameter's quote is not closed.");
                }
                i++;
            } else {
                while (i < value.length() && value.charAt(i) != ';') {
                    v.append(value.charAt(i));
                    i++;
                }
            }
            while (i < value.length() && (value.charAt(i) == ' ' || value.charAt(i) == '\t')) {
                i++;
            }
            if (i < value.length() && value.charAt(i) != ';') {
                throw malformed("A Content-Disposition parameter is followed by something else than ';'.");
            }
            i++;
            if (!name.equals("name") && !name.equals("filename")) {
                throw malformed("The Content-Disposition parameter " + name + " is not read by POST Object.");
            }
            if (params.put(name, v.toString().strip()) != null) {
                throw malformed("A Content-Disposition parameter is given twice.");
            }
        }
        String name = params.get("name");
        if (name == null || name.isEmpty() || name.chars().anyMatch(c -> c < 0x20 || c == 0x7F || c == '"')) {
            throw malformed("A form part has no usable name.");
        }
        String fileName = params.get("filename");
        if (fileName != null && fileName.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
            throw malformed("A file name holds a control character.");
        }
        return new Disposition(name, fileName);
    }

    private static String utf8(byte[] body, int from, int to) throws ClassificationException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            throw malformed("A form field is not UTF-8.");
        }
    }

    private static String unquote(String text) {
        return text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")
                ? text.substring(1, text.length() - 1) : text;
    }

    private static boolean startsWith(byte[] body, int at, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (body[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** The first index of {@code needle} in {@code body[from, to)}, or -1. */
    private static int indexOf(byte[] body, int from, int to, byte[] needle) {
        for (int i = from; i + needle.length <= to; i++) {
            if (startsWith(body, i, needle)) {
                return i;
            }
        }
        return -1;
    }

    private static ClassificationException malformed(String message) {
        return new ClassificationException(CosError.MALFORMED_POST_REQUEST, message);
    }
}
