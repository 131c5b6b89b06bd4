package io.camgate.admin;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * CAM names policies by number (PolicyId); camgate names them by file. The id is derived from
 * the name, so it needs no extra file and survives restarts and hand edits. Two names with the
 * same id are refused when the second is created.
 */
final class PolicyIds {
    private PolicyIds() {
    }

    static long of(String name) {
        CRC32 crc = new CRC32();
        crc.update(name.getBytes(StandardCharsets.UTF_8));
        return (crc.getValue() & 0x7fffffffL) + 1;
    }
}
