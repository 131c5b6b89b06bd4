package io.camgate.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/** A real s3proxy with a {@link RecordingUpstream} in front of it: the upstream of the hostile suites. */
public final class RecordedS3Proxy implements AutoCloseable {
    private final S3ProxyServer s3;
    private final RecordingUpstream relay;

    private RecordedS3Proxy(S3ProxyServer s3, RecordingUpstream relay) {
        this.s3 = s3;
        this.relay = relay;
    }

    /** Starts s3proxy storing under {@code dir}/s3, and the relay in front of it. */
    public static RecordedS3Proxy start(Path dir) throws IOException {
        S3ProxyServer s3 = S3ProxyServer.start(Files.createDirectories(dir.resolve("s3")));
        try {
            return new RecordedS3Proxy(s3, RecordingUpstream.start(s3.uri()));
        } catch (IOException | RuntimeException e) {
            s3.close();
            throw e;
        }
    }

    /** The recording hop, for what reached the upstream and for faults. */
    public RecordingUpstream relay() {
        return relay;
    }

    /** Where a route sends requests: the relay. */
    public URI uri() {
        return relay.uri();
    }

    @Override
    public void close() throws IOException {
        try {
            relay.close();
        } finally {
            s3.close();
        }
    }
}
