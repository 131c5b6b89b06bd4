package io.camgate.sign;

import java.nio.ByteBuffer;
import java.util.zip.Checksum;

/**
 * CRC-64/NVME, the checksum S3 calls {@code crc64nvme}: polynomial {@code 0xAD93D23594C93659},
 * reflected input and output, initial value and final XOR all ones (check value of
 * {@code "123456789"}: {@code 0xAE8B14860A799888}). Table-driven, a byte at a time.
 */
final class Crc64Nvme implements Checksum {
    /** The polynomial with its bits reversed, as a reflected CRC shifts right. */
    private static final long REFLECTED_POLY = 0x9A6C9329AC4BC9B5L;
    private static final long[] TABLE = new long[256];

    static {
        for (int n = 0; n < 256; n++) {
            long crc = n;
            for (int k = 0; k < 8; k++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ REFLECTED_POLY : crc >>> 1;
            }
            TABLE[n] = crc;
        }
    }

    private long crc = -1L;

    @Override
    public void update(int b) {
        crc = TABLE[(int) (crc ^ b) & 0xff] ^ (crc >>> 8);
    }

    @Override
    public void update(byte[] b, int off, int len) {
        long c = crc;
        for (int i = off; i < off + len; i++) {
            c = TABLE[(int) (c ^ b[i]) & 0xff] ^ (c >>> 8);
        }
        crc = c;
    }

    @Override
    public void update(ByteBuffer buffer) {
        long c = crc;
        while (buffer.hasRemaining()) {
            c = TABLE[(int) (c ^ buffer.get()) & 0xff] ^ (c >>> 8);
        }
        crc = c;
    }

    @Override
    public long getValue() {
        return ~crc;
    }

    @Override
    public void reset() {
        crc = -1L;
    }
}
