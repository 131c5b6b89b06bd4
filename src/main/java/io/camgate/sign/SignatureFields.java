package io.camgate.sign;

/**
 * The {@code q-*} fields of one COS v5 authorization, from whichever carrier held them.
 *
 * @param secretId     {@code q-ak}
 * @param signTime     {@code q-sign-time}, the window that is checked and goes into StringToSign
 * @param keyTime      {@code q-key-time}, the window the SignKey is derived from
 * @param headerList   {@code q-header-list}, the signed header names ({@code ;}-separated, canonical)
 * @param paramList    {@code q-url-param-list}, the signed parameter names
 * @param signature    {@code q-signature} as 20 bytes
 */
record SignatureFields(String secretId, KeyWindow signTime, KeyWindow keyTime, String headerList,
        String paramList, byte[] signature) {

    static final String ALGORITHM = "q-sign-algorithm";
    static final String AK = "q-ak";
    static final String SIGN_TIME = "q-sign-time";
    static final String KEY_TIME = "q-key-time";
    static final String HEADER_LIST = "q-header-list";
    static final String PARAM_LIST = "q-url-param-list";
    static final String SIGNATURE = "q-signature";

    /** The field names in the order they are collected. */
    private static final String[] NAMES = {ALGORITHM, AK, SIGN_TIME, KEY_TIME, HEADER_LIST, PARAM_LIST, SIGNATURE};

    /** The slot of a {@code q-*} field name, or -1 when {@code name} is not one. */
    static int slot(String name) {
        return slot(name, 0, name.length());
    }

    /** The slot of the field name {@code text[from, to)}, or -1; compares in place. */
    private static int slot(String text, int from, int to) {
        int candidate;
        switch (to - from) {
            case 4 -> candidate = 1;
            case 10 -> candidate = 3;
            case 11 -> candidate = text.charAt(from + 6) == '-' ? 2 : 6;
            case 13 -> candidate = 4;
            case 16 -> candidate = text.charAt(from + 2) == 's' ? 0 : 5;
            default -> {
                return -1;
            }
        }
        return text.startsWith(NAMES[candidate], from) ? candidate : -1;
    }

    /** A holder for the values of the seven fields while a carrier is read. */
    static String[] newSlots() {
        return new String[NAMES.length];
    }

    /**
     * Stores {@code value} in its slot.
     *
     * @throws AuthenticationException when the field was already given
     */
    static void put(String[] slots, int slot, String value) throws AuthenticationException {
        if (slots[slot] != null) {
            throw malformed(NAMES[slot] + " is given twice");
        }
        slots[slot] = value;
    }

    /**
     * Reads an authorization string, {@code q-sign-algorithm=sha1&q-ak=...&q-signature=...},
     * as the {@code Authorization} header or the {@code sign} parameter carries it. Every field
     * is required, none may repeat, and no other field is accepted.
     */
    static SignatureFields parseAuthorization(String text) throws AuthenticationException {
        String[] slots = newSlots();
        int at = 0;
        int n = text.length();
        while (at <= n) {
            int amp = text.indexOf('&', at);
            int end = amp < 0 ? n : amp;
            int eq = text.indexOf('=', at);
            if (eq < 0 || eq > end) {
                throw malformed("a field has no '='");
            }
            int slot = slot(text, at, eq);
            if (slot < 0) {
                throw malformed("unknown field");
            }
            put(slots, slot, value(text, eq + 1, end, slot, slots));
            at = end + 1;
        }
        return fromSlots(slots);
    }

    /**
     * The value {@code text[from, to)}. The algorithm and a key time equal to the sign time (as
     * every SDK sends) reuse existing strings instead of copying them again.
     */
    private static String value(String text, int from, int to, int slot, String[] slots) {
        if (slot == 0 && to - from == 4 && text.startsWith("sha1", from)) {
            return "sha1";
        }
        String signTime = slots[2];
        if (slot == 3 && signTime != null && to - from == signTime.length() && text.startsWith(signTime, from)) {
            return signTime;
        }
        return text.substring(from, to);
    }

    /** Checks and converts the collected fields. */
    static SignatureFields fromSlots(String[] slots) throws AuthenticationException {
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] == null) {
                throw malformed("missing " + NAMES[i]);
            }
        }
        if (!"sha1".equals(slots[0])) {
            throw malformed("q-sign-algorithm must be sha1");
        }
        if (slots[1].isEmpty()) {
            throw malformed("empty q-ak");
        }
        KeyWindow signTime = KeyWindow.parse(SIGN_TIME, slots[2]);
        KeyWindow keyTime = slots[3].equals(slots[2]) ? signTime : KeyWindow.parse(KEY_TIME, slots[3]);
        byte[] signature = Sha1Workspace.parseSignature(slots[6]);
        if (signature == null) {
            throw malformed("q-signature is not 40 hex digits");
        }
        return new SignatureFields(slots[1], signTime, keyTime, slots[4], slots[5], signature);
    }

    static AuthenticationException malformed(String detail) {
        return new AuthenticationException(AuthError.malformedAuthorization(detail));
    }
}
