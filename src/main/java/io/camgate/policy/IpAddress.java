package io.camgate.policy;

/**
 * Strict parsing of plain IPv4 and IPv6 literals and CIDR blocks into bytes, without name
 * lookups ({@code InetAddress.getByName} would resolve host names, which a policy check must
 * never do).
 */
public final class IpAddress {
    private IpAddress() {
    }

    /** A CIDR block: {@code address} bytes with the first {@code prefix} bits significant. */
    public record Cidr(byte[] address, int prefix) {
        /** Whether {@code ip} (4 or 16 bytes) lies in this block; families never mix. */
        public boolean contains(byte[] ip) {
            if (ip.length != address.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (ip[i] != address[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (ip[full] & mask) == (address[full] & mask);
        }
    }

    /** Reads {@code a.b.c.d}, an IPv6 literal, either with {@code /prefix}; a bare address is a full-length block. */
    public static Cidr parseCidr(String text) {
        int slash = text.indexOf('/');
        byte[] address = parse(slash < 0 ? text : text.substring(0, slash));
        if (address == null) {
            throw new IllegalArgumentException("\"" + text + "\" is not an IPv4/IPv6 address or CIDR block");
        }
        int bits = address.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String p = text.substring(slash + 1);
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(p) > bits) {
                throw new IllegalArgumentException("\"" + text + "\" has a prefix length outside 0.." + bits);
            }
            prefix = Integer.parseInt(p);
        }
        return new Cidr(address, prefix);
    }

    /** The 4 or 16 bytes of a plain address, or null when {@code text} is not one. */
    public static byte[] parse(String text) {
        return text.indexOf(':') >= 0 ? parseV6(text) : parseV4(text);
    }

    private static byte[] parseV4(String text) {
        byte[] out = new byte[4];
        int part = 0;
        int value = -1;
        int digits = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '.';
            if (c >= '0' && c <= '9') {
                if (++digits > 3) {
                    return null;
                }
                value = (value < 0 ? 0 : value * 10) + (c - '0');
            } else if (c == '.') {
                if (value < 0 || value > 255 || part == 4) {
                    return null;
                }
                out[part++] = (byte) value;
                value = -1;
                digits = 0;
            } else {
                return null;
            }
        }
        return part == 4 ? out : null;
    }

    private static byte[] parseV6(String text) {
        int doubleColon = text.indexOf("::");
        if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
            return null;
        }
        int[] head;
        int[] tail;
        if (doubleColon < 0) {
            head = groups(text, true);
            tail = new int[0];
            if (head == null || head.length != 8) {
                return null;
            }
        } else {
            head = groups(text.substring(0, doubleColon), false);
            tail = groups(text.substring(doubleColon + 2), true);
            if (head == null || tail == null || head.length + tail.length > 7) {
                return null;
            }
        }
        byte[] out = new byte[16];
        int i = 0;
        for (int g : head) {
            out[i++] = (byte) (g >> 8);
            out[i++] = (byte) g;
        }
        i = 16 - tail.length * 2;
        for (int g : tail) {
            out[i++] = (byte) (g >> 8);
            out[i++] = (byte) g;
        }
        return out;
    }


    /** Hex groups of one side of {@code ::}; a dotted quad may end the last side and counts as two groups. */
    private static int[] groups(String side, boolean mayEndWithV4) {
        if (side.isEmpty()) {
            return new int[0];
        }
        String[] parts = side.split(":", -1);
        boolean v4 = mayEndWithV4 && parts[parts.length - 1].indexOf('.') >= 0;
        int[] out = new int[parts.length + (v4 ? 1 : 0)];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (v4 && i == parts.length - 1) {
                byte[] quad = parseV4(p);
                if (quad == null) {
                    return null;
                }
                out[i] = ((quad[0] & 0xFF) << 8) | (quad[1] & 0xFF);
                out[i + 1] = ((quad[2] & 0xFF) << 8) | (quad[3] & 0xFF);
                continue;
            }
            if (p.isEmpty() || p.length() > 4) {
                return null;
            }
            int g = 0;
            for (int k = 0; k < p.length(); k++) {
                int d = HexDigit.value(p.charAt(k));
                if (d < 0) {
                    return null;
                }
                g = g * 16 + d;
            }
            out[i] = g;
        }
        return out;
    }
}
