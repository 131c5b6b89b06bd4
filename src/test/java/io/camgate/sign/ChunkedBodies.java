package io.camgate.sign;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Builds aws-chunked bodies for tests, signing chunks with its own HMAC code, as a client would. */
final class ChunkedBodies {
    static final byte[] KEY = HexFormat.of().parseHex("3320b406406c07b3abbe9a0186fb6947992aa0907e8c33756bfd7226fba3b85c");
    private static final HexFormat HEX = HexFormat.of();

    private ChunkedBodies() {
    }

    /** A verification as SigV4Verifier would return it for the given mode, seed and decoded length. */
    static AwsVerification verification(PayloadMode mode, String seed, long decodedLength) {
        ChunkSigning chain = mode.signsChunks()
                ? new ChunkSigning(KEY, AwsVectors.AMZ_DATE, AwsVectors.SCOPE, HEX.parseHex(seed)) : null;
        return new AwsVerification(Authentication.anonymous(), mode, null, chain, decodedLength);
    }

    /** A signed body of the given chunks, then the final chunk, then optional trailer lines (signed when given). */
    static byte[] signed(String seed, List<byte[]> chunks, List<String> trailer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String previous = seed;
        for (byte[] chunk : chunks) {
            previous = sign("AWS4-HMAC-SHA256-PAYLOAD", previous, AwsVectors.EMPTY_SHA256 + "\n" + sha256(chunk));
            write(out, Integer.toHexString(chunk.length) + ";chunk-signature=" + previous + "\r\n");
            out.writeBytes(chunk);
            write(out, "\r\n");
        }
        previous = sign("AWS4-HMAC-SHA256-PAYLOAD", previous, AwsVectors.EMPTY_SHA256 + "\n" + AwsVectors.EMPTY_SHA256);
        write(out, "0;chunk-signature=" + previous + "\r\n");
        if (trailer != null) {
            StringBuilder lines = new StringBuilder();
            trailer.forEach(l -> lines.append(l).append('\n'));
            String signature = sign("AWS4-HMAC-SHA256-TRAILER", previous,
                    sha256(lines.toString().getBytes(StandardCharsets.ISO_8859_1)));
            trailer.forEach(l -> write(out, l + "\r\n"));
            write(out, "x-amz-trailer-signature:" + signature + "\r\n");
        }
        write(out, "\r\n");
        return out.toByteArray();
    }

    /** An unsigned body of the given chunks, the final chunk and trailer lines. */
    static byte[] unsigned(List<byte[]> chunks, List<String> trailer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] chunk : chunks) {
            write(out, Integer.toHexString(chunk.length) + "\r\n");
            out.writeBytes(chunk);
            write(out, "\r\n");
        }
        write(out, "0\r\n");
        trailer.forEach(l -> write(out, l + "\r\n"));
        write(out, "\r\n");
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String sign(String algorithm, String previous, String hashes) {
        String toSign = algorithm + "\n" + AwsVectors.AMZ_DATE + "\n" + AwsVectors.SCOPE + "\n" + previous + "\n" + hashes;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
            return HEX.formatHex(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(byte[] data) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
