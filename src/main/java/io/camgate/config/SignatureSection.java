package io.camgate.config;

import io.camgate.sign.SignatureRules;
import java.time.Duration;
import java.util.Set;

/** Reads the {@code signature} section of {@code camgate.yaml} into {@link SignatureRules}. */
final class SignatureSection {
    private static final Set<String> FIELDS = Set.of("requireSignedHost", "maxWindow", "skew", "debug");

    private SignatureSection() {
    }

    /** The rules at {@code node}; the defaults when absent; null with problems. */
    static SignatureRules read(YamlNode node) {
        SignatureRules d = SignatureRules.DEFAULTS;
        if (node.isAbsent()) {
            return d;
        }
        if (!node.expectObject(FIELDS)) {
            return null;
        }
        boolean host = node.child("requireSignedHost").bool(d.requireSignedHost());
        Duration window = DurationText.read(node.child("maxWindow"), d.maxWindow());
        Duration skew = DurationText.read(node.child("skew"), d.clockSkew());
        boolean debug = node.child("debug").bool(d.debugMismatch());
        if (window == null || skew == null) {
            return null;
        }
        return new SignatureRules(skew, window, host, debug, d.signKeyCacheSize());
    }
}
