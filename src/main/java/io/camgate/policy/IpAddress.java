package io.camgate.policy;

/**
 * Strict parsing of plain IPv4 and IPv6 literals and CIDR blocks into bytes, without name
 * lookups ({@code InetAddress.getByName} would resolve host names, which a policy check must
 * never do).
 *
 * <p>An IPv4-mapped IPv6 address ({@code ::ffff:203.0.113.9}, {@code ::ffff:cb00:7109}, or any
 * other spelling of {@code ::ffff:0:0/96}) <em>is</em> its IPv4 address: a dual-stack socket or
 * a proxy may report an IPv4 client that way, and a rule on {@code 203.0.113.0/24} must not
 * depend on which spelling arrived. Every address and block is therefore read into one
 * canonical form here, the only place that does it: mapped addresses become their 4 IPv4
 * bytes, and a mapped block {@code ::ffff:a.b.c.d/(96+n)} becomes {@code a.b.c.d/n}. An IPv6
 * block shorter than /96 may still cover the mapped range ({@code ::/0} does); it then covers
 * the IPv4 addresses whose mapped forms it covers.
 */
public final class IpAddress {
    /** The first 12 bytes of every IPv4-mapped IPv6 address (RFC 4291 §2.5.5.2). */
    private static final byte[] MAPPED_PREFIX = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF};
    private static final int MAPPED_BITS = MAPPED_PREFIX.length * 8;

    private IpAddress() {
    }

    /**
     * A CIDR block: {@code address} bytes with the first {@code prefix} bits significant. A
     * mapped block of at least /96 is kept as the IPv4 block it is.
     */
    public record Cidr(byte[] address, int prefix) {
        /** Canonicalizes a mapped block into its IPv4 form. */
        public Cidr {
            if (address.length == 16 && prefix >= MAPPED_BITS && isMapped(address)) {
                address = ipv4Of(address);
                prefix -= MAPPED_BITS;
            }
        }

        /**
         * Whether {@code ip} (4 or 16 bytes, as {@link #parse} gives it) lies in this block. An
         * IPv4 address lies in an IPv6 block when its mapped form does; a non-mapped IPv6
         * address never lies in an IPv4 block.
         */
        public boolean contains(byte[] ip) {
            if (ip.length == address.length) {
                return samePrefix(ip, 0);
            }
            if (ip.length == 4 && address.length == 16) {
                return samePrefix(ip, 12);
            }
            return false;
        }

        /** Compares the first {@code prefix} bits, reading {@code ip} as if it started {@code offset} bytes in (behind the mapped prefix). */
        private boolean samePrefix(byte[] ip, int offset) {
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (byteAt(ip, offset, i) != address[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (byteAt(ip, offset, full) & mask) == (address[full] & mask);
        }

        private static byte byteAt(byte[] ip, int offset, int i) {
            return i < offset ? MAPPED_PREFIX[i] : ip[i - offset];
        }
    }

    /**
     * Reads {@code a.b.c.d}, an IPv6 literal, either with {@code /prefix}; a bare address is a
     * full-length block. The prefix counts bits of the address as written, so
     * {@code ::ffff:203.0.113.0/120} is {@code 203.0.113.0/24}.
     */
    public static Cidr parseCidr(String text) {
        int slash = text.indexOf('/');
        byte[] address = parseAsWritten(slash < 0 ? text : text.substring(0, slash));
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

    /**
     * The bytes of a plain address: 4 for IPv4 and for an IPv4-mapped IPv6 address, 16 for any
     * other IPv6 address; null when {@code text} is not an address.
     */
    public static byte[] parse(String text) {
        byte[] address = parseAsWritten(text);
        return address != null && address.length == 16 && isMapped(address) ? ipv4Of(address) : address;
    }

    /**
     * The address the gateway reports and decides on: an IPv4 or IPv4-mapped address as its
     * dotted quad ({@code ::FFFF:cb00:7109} → {@code 203.0.113.9}), any other IPv6 literal as
     * written; null when {@code text} is not an address.
     */
    public static String normalize(String text) {
        byte[] address = parse(text);
        if (address == null) {
            return null;
        }
        if (address.length == 16 || text.indexOf(':') < 0 && !hasLeadingZero(text)) {
            return text; // already the form reported; the common case allocates nothing more
        }
        return (address[0] & 0xFF) + "." + (address[1] & 0xFF) + "." + (address[2] & 0xFF) + "." + (address[3] & 0xFF);
    }

    /** Whether a dotted quad that parsed writes an octet with a leading zero ({@code 010.0.0.1}). */
    private static boolean hasLeadingZero(String quad) {
        for (int i = 0; i < quad.length() - 1; i++) {
            if (quad.charAt(i) == '0' && (i == 0 || quad.charAt(i - 1) == '.') && quad.charAt(i + 1) != '.') {
                return true;
            }
        }
        return false;
    }

    private static byte[] parseAsWritten(String text) {
        return text.indexOf(':') >= 0 ? parseV6(text) : parseV4(text);
    }

    private static boolean isMapped(byte[] address) {
        for (int i = 0; i < MAPPED_PREFIX.length; i++) {
            if (address[i] != MAPPED_PREFIX[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ipv4Of(byte[] mapped) {
        return new byte[] {mapped[12], mapped[13], mapped[14], mapped[15]};
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
