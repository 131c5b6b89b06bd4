package io.camgate.cos;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The request's headers in arrival order, looked up case-insensitively. A request carries a
 * dozen headers, so a scan beats hashing, and repeats are kept so that they can be refused.
 */
public final class RequestHeaders {
    private final String[] names;
    private final String[] values;

    private RequestHeaders(String[] names, String[] values) {
        this.names = names;
        this.values = values;
    }

    /** Headers from alternating names and values: {@code of("Host", "b-1.cos.ap-x.myqcloud.com", ...)}. */
    public static RequestHeaders of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must alternate");
        }
        int n = namesAndValues.length / 2;
        String[] names = new String[n];
        String[] values = new String[n];
        for (int i = 0; i < n; i++) {
            names[i] = namesAndValues[2 * i];
            values[i] = namesAndValues[2 * i + 1];
        }
        return new RequestHeaders(names, values);
    }

    /** Headers from parallel lists of names and values. */
    public static RequestHeaders of(List<String> names, List<String> values) {
        if (names.size() != values.size()) {
            throw new IllegalArgumentException("names and values differ in number");
        }
        return new RequestHeaders(names.toArray(String[]::new), values.toArray(String[]::new));
    }

    /** How many header lines there are. */
    public int size() {
        return names.length;
    }

    /** The name of line {@code i}, as sent. */
    public String name(int i) {
        return names[i];
    }

    /** The value of line {@code i}, as sent. */
    public String value(int i) {
        return values[i];
    }

    /** The first value of {@code name}, or null. */
    public String first(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equalsIgnoreCase(name)) {
                return values[i];
            }
        }
        return null;
    }

    /** Every value of {@code name}, in order; an unmodifiable list. */
    public List<String> all(String name) {
        int first = indexOf(name, 0);
        if (first < 0) {
            return List.of();
        }
        int next = indexOf(name, first + 1);
        if (next < 0) {
            // Nearly every header is sent once: no list to grow.
            return List.of(values[first]);
        }
        List<String> out = new ArrayList<>(4);
        out.add(values[first]);
        for (int i = next; i >= 0; i = indexOf(name, i + 1)) {
            out.add(values[i]);
        }
        return Collections.unmodifiableList(out);
    }

    private int indexOf(String name, int from) {
        for (int i = from; i < names.length; i++) {
            if (names[i].equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether some header's name starts with {@code prefix}, compared case-insensitively. */
    public boolean anyStartingWith(String prefix) {
        for (String name : names) {
            if (name.regionMatches(true, 0, prefix, 0, prefix.length())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The one value of {@code name}, or null when absent.
     *
     * @throws ClassificationException when it is repeated: a later stage or the upstream
     *         could read another copy than the one authorized
     */
    public String single(String name) throws ClassificationException {
        String found = null;
        for (int i = 0; i < names.length; i++) {
            if (names[i].equalsIgnoreCase(name)) {
                if (found != null) {
                    throw new ClassificationException(CosError.INVALID_ARGUMENT,
                            "The header " + name + " is given more than once.");
                }
                found = values[i];
            }
        }
        return found;
    }

    /**
     * Refuses a repeated {@code x-cos-*}, {@code x-amz-*} or {@code Content-MD5} header: COS and
     * S3 read one copy of each, and a repeat would leave the gateway and the upstream free to
     * read different ones.
     *
     * @throws ClassificationException naming the first repeated header
     */
    public void refuseRepeatedCosHeaders() throws ClassificationException {
        for (int i = 0; i < names.length; i++) {
            if (names[i].regionMatches(true, 0, "x-cos-", 0, 6) || names[i].regionMatches(true, 0, "x-amz-", 0, 6)
                    || names[i].equalsIgnoreCase("Content-MD5")) {
                for (int j = i + 1; j < names.length; j++) {
                    if (names[j].equalsIgnoreCase(names[i])) {
                        throw new ClassificationException(CosError.INVALID_ARGUMENT,
                                "The header " + names[i] + " is given more than once.");
                    }
                }
            }
        }
    }
}
