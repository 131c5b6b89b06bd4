package io.camgate.sign;

import io.camgate.policy.HexDigit;
import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One client-declared list of signed names ({@code q-header-list} or {@code q-url-param-list}):
 * canonical names ({@code lowercase(UrlEncode(name))}) separated by {@code ;}, held in sorted
 * order, because the HttpString lists its {@code key=value} pairs sorted by key.
 */
final class SignedNames {
    private static final SignedNames EMPTY = new SignedNames("", new String[0]);
    private static final int MAX_KNOWN = 4096;
    private static final ConcurrentHashMap<String, SignedNames> KNOWN = new ConcurrentHashMap<>();
    /** Per thread, the header list and the parameter list seen last. */
    private static final ThreadLocal<SignedNames[]> LAST = ThreadLocal.withInitial(() -> new SignedNames[2]);

    /** The list as the client wrote it. */
    private final String text;
    /** The names, sorted. */
    private final String[] names;
    /** The raw name each canonical name stands for, or null where the name is not canonical. */
    private final String[] raws;

    private SignedNames(String text, String[] names) {
        this.text = text;
        this.names = names;
        this.raws = new String[names.length];
        for (int k = 0; k < names.length; k++) {
            String raw = rawName(names[k]);
            raws[k] = raw != null && ByteSink.isCanonicalName(raw, names[k]) ? raw : null;
        }
    }

    /**
     * The names of a list, remembered: clients send the same few lists over and over. Only
     * well-formed lists are kept, and only up to a fixed number, so odd lists cannot grow it.
     */
    static SignedNames of(String field, String list) throws AuthenticationException {
        // Each thread first tries the list it saw last: comparing strings is cheaper than hashing them.
        SignedNames[] last = LAST.get();
        int slot = field.equals(SignatureFields.HEADER_LIST) ? 0 : 1;
        SignedNames recent = last[slot];
        if (recent != null && recent.text.equals(list)) {
            return recent;
        }
        SignedNames known = KNOWN.get(list);
        if (known == null) {
            known = parse(field, list);
            if (KNOWN.size() < MAX_KNOWN) {
                KNOWN.putIfAbsent(list, known);
            }
        }
        last[slot] = known;
        return known;
    }

    /**
     * Splits a list. An empty list has no names; an empty name or a name given twice makes the
     * list malformed.
     */
    static SignedNames parse(String field, String list) throws AuthenticationException {
        if (list.isEmpty()) {
            return EMPTY;
        }
        int count = 1;
        for (int i = 0; i < list.length(); i++) {
            if (list.charAt(i) == ';') {
                count++;
            }
        }
        String[] names = new String[count];
        int at = 0;
        for (int k = 0; k < count; k++) {
            int end = list.indexOf(';', at);
            if (end < 0) {
                end = list.length();
            }
            if (end == at) {
                throw SignatureFields.malformed(field + " has an empty name");
            }
            names[k] = list.substring(at, end);
            at = end + 1;
        }
        if (!sorted(names)) {
            Arrays.sort(names);
        }
        for (int k = 1; k < count; k++) {
            if (names[k].equals(names[k - 1])) {
                throw SignatureFields.malformed(field + " names " + names[k] + " twice");
            }
        }
        return new SignedNames(list, names);
    }

    private static boolean sorted(String[] names) {
        for (int k = 1; k < names.length; k++) {
            if (names[k - 1].compareTo(names[k]) > 0) {
                return false;
            }
        }
        return true;
    }

    /** The list exactly as the client wrote it. */
    String text() {
        return text;
    }

    int size() {
        return names.length;
    }

    /** The canonical name at {@code index}, in sorted order. */
    String name(int index) {
        return names[index];
    }

    /**
     * The raw name (a header's name as sent, up to case) that name {@code index} stands for, or
     * null when the listed name is not in canonical form and so can match nothing.
     */
    String raw(int index) {
        return raws[index];
    }

    /** Whether the canonical name {@code canonical} is in the list. */
    boolean contains(String canonical) {
        return Arrays.binarySearch(names, canonical) >= 0;
    }

    /**
     * The raw name a canonical name stands for ({@code %xx} decoded as UTF-8), or null when it
     * does not decode.
     */
    private static String rawName(String canonical) {
        if (canonical.indexOf('%') < 0) {
            return canonical;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(canonical.length());
        for (int i = 0; i < canonical.length(); i++) {
            char c = canonical.charAt(i);
            if (c == '%') {
                if (i + 2 >= canonical.length()) {
                    return null;
                }
                int hi = HexDigit.value(canonical.charAt(i + 1));
                int lo = HexDigit.value(canonical.charAt(i + 2));
                if (hi < 0 || lo < 0) {
                    return null;
                }
                bytes.write((hi << 4) | lo);
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                return null;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
