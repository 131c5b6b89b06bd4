package io.camgate.policy;

import static io.camgate.authz.World.allowWhen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camgate.testing.Trials;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * IPv4-mapped IPv6 addresses are their IPv4 addresses (issue 16): in context values, in policy
 * CIDRs and bare addresses, whatever their spelling, for {@code ip_equal}, {@code ip_not_equal}
 * and their {@code _if_exist} forms.
 */
class MappedAddressTest {
    private static final PolicyVariables VARS = new PolicyVariables("200001", "100001", "1250000001");

    private static Outcome judge(String operator, String listed, String value) {
        Statement s = allowWhen("{\"" + operator + "\":{\"qcs:ip\":\"" + listed + "\"}}");
        ConditionContext.Builder ctx = ConditionContext.builder();
        ctx.add("qcs:ip", value);
        return s.conditionsHold(ctx.build(), VARS);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "::ffff:203.0.113.9", "::FFFF:203.0.113.9", "::ffff:cb00:7109", "::FfFf:CB00:7109",
        "0:0:0:0:0:ffff:203.0.113.9", "0:0:0:0:0:ffff:cb00:7109", "0000:0000:0000:0000:0000:ffff:cb00:7109",
        "0::ffff:cb00:7109", "0:0:0:0::ffff:203.0.113.9", "::0:ffff:cb00:7109", "::ffff:cb00:7109",
    })
    void everySpellingOfAMappedAddressIsTheIpv4Address(String mapped) {
        assertThat(IpAddress.parse(mapped)).containsExactly(203, 0, 113, 9);
        assertThat(IpAddress.normalize(mapped)).isEqualTo("203.0.113.9");
        for (String op : List.of("ip_equal", "ip_equal_if_exist")) {
            assertThat(judge(op, "203.0.113.0/24", mapped)).isEqualTo(Outcome.TRUE);
            assertThat(judge(op, "203.0.113.9", mapped)).isEqualTo(Outcome.TRUE);
            assertThat(judge(op, "198.51.100.0/24", mapped)).isEqualTo(Outcome.FALSE);
        }
        for (String op : List.of("ip_not_equal", "ip_not_equal_if_exist")) {
            assertThat(judge(op, "203.0.113.0/24", mapped)).isEqualTo(Outcome.FALSE);
            assertThat(judge(op, "198.51.100.0/24", mapped)).isEqualTo(Outcome.TRUE);
        }
    }

    @Test
    void addressesThatOnlyLookMappedStayIpv6() {
        // IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::/96) and ::ffff:0:a.b.c.d (SIIT) are other addresses.
        for (String v6 : List.of("::203.0.113.9", "64:ff9b::203.0.113.9", "::ffff:0:cb00:7109", "::fffe:cb00:7109",
                "1::ffff:cb00:7109")) {
            assertThat(IpAddress.parse(v6)).as(v6).hasSize(16);
            assertThat(IpAddress.normalize(v6)).isEqualTo(v6);
            assertThat(judge("ip_equal", "203.0.113.0/24", v6)).as(v6).isEqualTo(Outcome.FALSE);
        }
        assertThat(IpAddress.normalize("2001:DB8::1")).isEqualTo("2001:DB8::1");
        assertThat(IpAddress.normalize("010.001.0.7")).isEqualTo("10.1.0.7");
        assertThat(IpAddress.normalize("10.0.0.0")).isEqualTo("10.0.0.0");
        assertThat(IpAddress.normalize("0.0.0.0")).isEqualTo("0.0.0.0");
        assertThat(IpAddress.normalize("1.0.00.1")).isEqualTo("1.0.0.1");
        assertThat(IpAddress.normalize("not-an-ip")).isNull();
        assertThat(IpAddress.normalize("::ffff:203.0.113.256")).isNull();
    }

    @ParameterizedTest(name = "{0} is {1}/{2}")
    @CsvSource({
        "::ffff:203.0.113.0/120, 203.0.113.0, 24",
        "::ffff:cb00:7100/120,   203.0.113.0, 24",
        "::ffff:203.0.113.9,     203.0.113.9, 32",
        "::ffff:203.0.113.9/128, 203.0.113.9, 32",
        "::ffff:0:0/96,          0.0.0.0,     0",
        "0:0:0:0:0:FFFF:a00:0/104, 10.0.0.0,  8",
    })
    void aMappedBlockOfAtLeast96BitsIsTheIpv4BlockOf96FewerBits(String written, String address, int prefix) {
        IpAddress.Cidr cidr = IpAddress.parseCidr(written);
        assertThat(cidr.address()).containsExactly(IpAddress.parse(address));
        assertThat(cidr.prefix()).isEqualTo(prefix);
    }

    @ParameterizedTest(name = "{0} against {1} is {2}")
    @CsvSource({
        "::ffff:203.0.113.0/120, 203.0.113.9,        TRUE",
        "::ffff:203.0.113.0/120, 203.0.114.9,        FALSE",
        "::ffff:203.0.113.0/120, ::ffff:cb00:7109,   TRUE",
        "::ffff:0:0/96,          192.0.2.1,          TRUE",
        "::ffff:0:0/96,          2001:db8::1,        FALSE",
        // IPv6 blocks shorter than /96 hold an IPv4 address when they hold its mapped form
        "::/0,                   192.0.2.1,          TRUE",
        "::/80,                  192.0.2.1,          TRUE",
        "::/81,                  192.0.2.1,          FALSE",
        "::ffff:0:0/95,          192.0.2.1,          TRUE",
        "2001:db8::/32,          192.0.2.1,          FALSE",
        "::ffff:0:0/95,          ::fffe:c000:201,    TRUE",
        "203.0.113.0/24,         ::fffe:cb00:7109,   FALSE",
    })
    void blocksInEitherFamilyHoldWhatTheirMappedRangeHolds(String block, String address, Outcome expected) {
        assertThat(judge("ip_equal", block, address)).isEqualTo(expected);
        assertThat(judge("ip_not_equal", block, address)).isEqualTo(expected == Outcome.TRUE ? Outcome.FALSE
                : Outcome.TRUE);
    }

    @Test
    void prefixLengthsCountTheBitsOfTheAddressAsWritten() {
        assertThat(IpAddress.parseCidr("::ffff:203.0.113.0/128").prefix()).isEqualTo(32);
        assertThatThrownBy(() -> IpAddress.parseCidr("::ffff:203.0.113.0/129"))
                .hasMessageContaining("outside 0..128");
        assertThatThrownBy(() -> IpAddress.parseCidr("203.0.113.0/120")).hasMessageContaining("outside 0..32");
    }

    /**
     * The property the issue asks for: an IPv4 address and a block, each written plainly or in
     * any mapped spelling, decide {@code ip_equal}, {@code ip_not_equal} and their
     * {@code _if_exist} forms the same way, and the way bit arithmetic on the IPv4 values says.
     */
    @Test
    void mappedAndPlainFormsAlwaysDecideTheSame() {
        Trials.run(2000, random -> {
            int address = random.nextInt();
            int prefix = random.nextInt(33);
            // half the blocks are near the address, so that both answers are common
            int block = random.nextBoolean() ? address ^ (random.nextInt() >>> Math.min(31, prefix)) : random.nextInt();
            int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
            boolean inside = (address & mask) == (block & mask);
            String plainAddress = dotted(address);
            String plainBlock = dotted(block) + "/" + prefix;
            String mappedAddress = mapped(random, address);
            String mappedBlock = mapped(random, block) + "/" + (96 + prefix);
            for (String op : List.of("ip_equal", "ip_not_equal", "ip_equal_if_exist", "ip_not_equal_if_exist")) {
                Outcome expected = Outcome.of(inside != op.startsWith("ip_not"));
                for (String b : List.of(plainBlock, mappedBlock)) {
                    for (String a : List.of(plainAddress, mappedAddress)) {
                        assertThat(judge(op, b, a)).as("%s %s against %s", op, b, a).isEqualTo(expected);
                    }
                }
            }
        });
    }

    @Test
    void ipv6BlocksDecideMappedAndPlainFormsTheSame() {
        Trials.run(2000, random -> {
            int address = random.nextInt();
            byte[] block = new byte[16];
            int prefix = random.nextInt(129);
            // mostly blocks at or around the mapped range ::ffff:0:0/96, sometimes anywhere
            if (random.nextInt(4) > 0) {
                block[10] = (byte) 0xFF;
                block[11] = (byte) 0xFF;
                block[random.nextInt(16)] ^= (byte) (1 << random.nextInt(8));
            } else {
                random.nextBytes(block);
            }
            String written = v6(block) + "/" + prefix;
            Outcome plain = judge("ip_equal", written, dotted(address));
            assertThat(plain).as(written).isEqualTo(Outcome.of(mappedFormIsIn(address, block, prefix)));
            assertThat(judge("ip_equal", written, mapped(random, address))).as(written).isEqualTo(plain);
            assertThat(judge("ip_not_equal", written, mapped(random, address))).as(written)
                    .isEqualTo(plain == Outcome.TRUE ? Outcome.FALSE : Outcome.TRUE);
        });
    }

    /** The oracle: bit by bit, whether {@code ::ffff:<v>} starts with the first {@code prefix} bits of {@code block}. */
    private static boolean mappedFormIsIn(int v, byte[] block, int prefix) {
        byte[] m = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, (byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
        for (int bit = 0; bit < prefix; bit++) {
            int shift = 7 - bit % 8;
            if (((m[bit / 8] >> shift) & 1) != ((block[bit / 8] >> shift) & 1)) {
                return false;
            }
        }
        return true;
    }

    private static String dotted(int v) {
        return (v >>> 24) + "." + ((v >>> 16) & 0xFF) + "." + ((v >>> 8) & 0xFF) + "." + (v & 0xFF);
    }

    /** The mapped form of {@code v} in one of its many spellings. */
    private static String mapped(Random random, int v) {
        String head = Trials.pick(random, "::ffff:", "::FFFF:", "0:0:0:0:0:ffff:", "0::ffff:", "0:0:0::ffff:",
                "::0:ffff:", "0000:0000:0000:0000:0000:FfFf:", "::0000:ffff:");
        if (random.nextBoolean()) {
            return head + dotted(v);
        }
        String high = hex(random, v >>> 16);
        String low = hex(random, v & 0xFFFF);
        return head + high + ":" + low;
    }

    private static String hex(Random random, int group) {
        String h = Integer.toHexString(group);
        if (random.nextBoolean()) {
            h = "0".repeat(4 - h.length()) + h;
        }
        return random.nextBoolean() ? h.toUpperCase(Locale.ROOT) : h;
    }

    private static String v6(byte[] b) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 16; i += 2) {
            out.append(i == 0 ? "" : ":").append(Integer.toHexString(((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF)));
        }
        return out.toString();
    }
}
