package io.camgate.sign;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Signs requests the COS v5 way, for the load generator and for re-signing towards the upstream:
 * it writes the same HttpString the verifier rebuilds, so the two cannot drift apart. The
 * parameters are all signed; of the headers, those named and present.
 */
public final class RequestSigner {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private RequestSigner() {
    }

    /**
     * The {@code Authorization} value for {@code request}.
     *
     * @param request     the request to sign
     * @param secretId    the SecretId
     * @param secretKey   the SecretKey
     * @param start       the first valid Unix second
     * @param end         the last valid Unix second
     * @param headerNames the headers to sign when present (any case); include {@code host}
     */
    public static String authorization(SignedRequest request, String secretId, String secretKey, long start,
            long end, Iterable<String> headerNames) {
        if (start > end) {
            throw new IllegalArgumentException("start after end");
        }
        TreeSet<String> headers = new TreeSet<>();
        for (String name : headerNames) {
            if (!request.headerValues(name).isEmpty()) {
                headers.add(canonical(name));
            }
        }
        TreeSet<String> params = new TreeSet<>();
        for (int i = 0; i < request.parameterCount(); i++) {
            params.add(canonical(request.parameterName(i)));
        }
        String headerList = String.join(";", headers);
        String paramList = String.join(";", params);
        String window = start + ";" + end;

        Sha1Workspace work = Sha1Workspace.get();
        try {
            HttpStringWriter.write(request, SignedNames.parse(SignatureFields.PARAM_LIST, paramList),
                    SignedNames.parse(SignatureFields.HEADER_LIST, headerList), work.httpString);
        } catch (AuthenticationException e) {
            throw new IllegalStateException("lists built here are well formed", e);
        }
        ByteSink stringToSign = work.stringToSign;
        stringToSign.reset();
        stringToSign.ascii("sha1\n" + window + "\n");
        work.sha1Hex(work.httpString, stringToSign);
        stringToSign.put((byte) '\n');
        byte[] signKey = work.hmacHex(secretKey.getBytes(StandardCharsets.UTF_8), window);
        String hex = hex(work.hmac(signKey, stringToSign));
        return SignatureFields.ALGORITHM + "=sha1&" + SignatureFields.AK + "=" + secretId + "&"
                + SignatureFields.SIGN_TIME + "=" + window + "&" + SignatureFields.KEY_TIME + "=" + window + "&"
                + SignatureFields.HEADER_LIST + "=" + headerList + "&" + SignatureFields.PARAM_LIST + "=" + paramList
                + "&" + SignatureFields.SIGNATURE + "=" + hex;
    }

    /**
     * The {@code q-signature} of a POST Object form (reference §1.7): HMAC-SHA1 of the policy
     * text's SHA-1, keyed by the SignKey of {@code keyTime}.
     *
     * @param secretKey  the SecretKey
     * @param keyTime    the form's {@code q-key-time}, {@code start;end}
     * @param policyJson the policy document exactly as it will be sent, before base64
     */
    public static String postPolicySignature(String secretKey, String keyTime, byte[] policyJson) {
        Sha1Workspace work = Sha1Workspace.get();
        ByteSink stringToSign = work.stringToSign;
        stringToSign.reset();
        work.sha1Hex(policyJson, stringToSign);
        byte[] signKey = work.hmacHex(secretKey.getBytes(StandardCharsets.UTF_8), keyTime);
        return hex(work.hmac(signKey, stringToSign));
    }

    private static String hex(byte[] bytes) {
        StringBuilder hex = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            hex.append((char) HEX[(b >>> 4) & 0xf]).append((char) HEX[b & 0xf]);
        }
        return hex.toString();
    }

    /** {@code lowercase(UrlEncode(name))}. */
    private static String canonical(String name) {
        ByteSink sink = new ByteSink();
        sink.encoded(name);
        return sink.text().toLowerCase(Locale.ROOT);
    }
}
