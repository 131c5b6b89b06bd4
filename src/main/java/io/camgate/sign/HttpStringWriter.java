package io.camgate.sign;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Writes the HttpString of a request from the lists the client declared:
 * {@code lowercase(method)\npath\nHttpParameters\nHttpHeaders\n}.
 *
 * <p>Only the named headers and parameters are written, never a choice of our own, since the
 * client signed exactly those. A name in a list that the request does not carry means the
 * signature cannot match. A name carried several times is written once per value, values in
 * encoded order, so every value is covered by the signature rather than only the first.
 * Header values lose surrounding spaces and tabs (HTTP optional white space, which the SDKs
 * also trim); parameter values are taken exactly as decoded.
 */
final class HttpStringWriter {
    private HttpStringWriter() {
    }

    /**
     * Writes the HttpString into {@code out}.
     *
     * @return false when a listed header or parameter is missing from the request
     */
    static boolean write(SignedRequest request, SignedNames params, SignedNames headers, ByteSink out) {
        out.reset();
        out.lowerAscii(request.method());
        out.put((byte) '\n');
        out.utf8(request.path());
        out.put((byte) '\n');
        if (!writeParams(request, params, out)) {
            return false;
        }
        out.put((byte) '\n');
        if (!writeHeaders(request, headers, out)) {
            return false;
        }
        out.put((byte) '\n');
        return true;
    }

    private static boolean writeParams(SignedRequest request, SignedNames names, ByteSink out) {
        int count = request.parameterCount();
        for (int k = 0; k < names.size(); k++) {
            String name = names.name(k);
            String raw = names.raw(k);
            if (raw == null) {
                return false;
            }
            int found = -1;
            List<String> more = null;
            for (int i = 0; i < count; i++) {
                String candidate = request.parameterName(i);
                if (candidate.equals(raw) || ByteSink.isCanonicalName(candidate, name)) {
                    if (found < 0) {
                        found = i;
                    } else {
                        if (more == null) {
                            more = new ArrayList<>();
                            more.add(request.parameterValue(found));
                        }
                        more.add(request.parameterValue(i));
                    }
                }
            }
            if (found < 0) {
                return false;
            }
            if (k > 0) {
                out.put((byte) '&');
            }
            if (more == null) {
                pair(name, request.parameterValue(found), out);
            } else {
                pairs(name, more, out);
            }
        }
        return true;
    }

    private static boolean writeHeaders(SignedRequest request, SignedNames names, ByteSink out) {
        for (int k = 0; k < names.size(); k++) {
            String name = names.name(k);
            String raw = names.raw(k);
            if (raw == null) {
                return false;
            }
            List<String> values = request.headerValues(raw);
            if (values.isEmpty()) {
                return false;
            }
            if (k > 0) {
                out.put((byte) '&');
            }
            if (values.size() == 1) {
                String v = values.get(0);
                out.ascii(name);
                out.put((byte) '=');
                out.encoded(v, trimStart(v), trimEnd(v));
            } else {
                List<String> trimmed = new ArrayList<>(values.size());
                for (String v : values) {
                    trimmed.add(v.substring(trimStart(v), Math.max(trimStart(v), trimEnd(v))));
                }
                pairs(name, trimmed, out);
            }
        }
        return true;
    }

    private static void pair(String name, String value, ByteSink out) {
        out.ascii(name);
        out.put((byte) '=');
        out.encoded(value);
    }

    /** Several values of one name, one pair each, sorted by encoded value. */
    private static void pairs(String name, List<String> values, ByteSink out) {
        List<String> encoded = new ArrayList<>(values.size());
        ByteSink scratch = new ByteSink();
        for (String v : values) {
            scratch.reset();
            scratch.encoded(v);
            encoded.add(scratch.text());
        }
        Collections.sort(encoded);
        for (int i = 0; i < encoded.size(); i++) {
            if (i > 0) {
                out.put((byte) '&');
            }
            out.ascii(name);
            out.put((byte) '=');
            out.ascii(encoded.get(i));
        }
    }

    private static int trimStart(String v) {
        int i = 0;
        while (i < v.length() && (v.charAt(i) == ' ' || v.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static int trimEnd(String v) {
        int i = v.length();
        while (i > 0 && (v.charAt(i - 1) == ' ' || v.charAt(i - 1) == '\t')) {
            i--;
        }
        return i;
    }
}
