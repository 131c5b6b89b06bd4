package io.camgate.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The {@code store:} section of camgate.yaml: the etcd cluster that holds accounts, policies and
 * bucket policies for every replica, instead of the configuration directory. Absent means
 * directory mode, as on one machine.
 *
 * @param endpoints       the etcd client URLs ({@code http://} or {@code https://})
 * @param prefix          the key prefix everything lives under, ending in {@code /}
 * @param user            the etcd user, or null without auth
 * @param password        that user's password ({@code password}, {@code passwordFile} or
 *                        {@code passwordEnv}), or null
 * @param caFile          the CA that signs etcd's certificate, or null to trust the JVM's
 * @param certFile        the client certificate for mutual TLS, or null
 * @param keyFile         its PKCS#8 private key, or null
 * @param sealKeyFile     the file holding the key that encrypts secret keys at rest in the store
 *                        (32 bytes, base64), or null when the store holds no secret files
 * @param workDir         where the replica keeps its working copy of the store (an emptyDir), or
 *                        null for a temporary folder
 * @param allowStaleStart whether a replica that cannot reach the store at start may serve the
 *                        working copy a previous run left in {@code workDir}, flagged stale
 * @param startTimeout    how long a starting replica waits for its first sync before it starts
 *                        unready (or stale)
 * @param writeTimeout    how long a CAM write waits for etcd, then for its own snapshot
 * @param resync          the mean period of the full re-read that backs up the watch (±50%)
 */
public record StoreSettings(List<URI> endpoints, String prefix, String user, String password, Path caFile,
        Path certFile, Path keyFile, Path sealKeyFile, Path workDir, boolean allowStaleStart,
        Duration startTimeout, Duration writeTimeout, Duration resync) {
    /** The seal key, when one is configured. */
    public Optional<Path> sealKey() {
        return Optional.ofNullable(sealKeyFile);
    }

    @Override
    public String toString() {
        return "StoreSettings[" + endpoints + " " + prefix + (user == null ? "" : ", user " + user + ", password redacted")
                + "]";
    }
}
