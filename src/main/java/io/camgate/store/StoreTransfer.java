package io.camgate.store;

import io.camgate.config.ConfigLoader;
import io.etcd.jetcd.Client;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Moves a configuration directory into the store ({@code camgate store import}) and the store
 * back into a directory ({@code camgate store export}). An import writes only what differs, and
 * deletes what the directory no longer has, conditioned on the store's sequence, in one
 * transaction or, when it is too large for one, in several that replicas publish only once all
 * are in ({@link StoreWriter#commit}), so a replica never serves half an import.
 */
public final class StoreTransfer {
    /** The folders that belong to the store, beside {@code accounts.yaml}. */
    static final List<String> FOLDERS = List.of(ConfigLoader.POLICIES_DIR, ConfigLoader.BUCKET_POLICIES_DIR, "secrets");

    private final Client client;
    private final StoreKeys keys;
    private final Optional<SecretSeal> seal;
    private final Duration timeout;

    /** Transfers through {@code client} under {@code keys}, sealing and opening secrets with {@code seal}. */
    public StoreTransfer(Client client, StoreKeys keys, Optional<SecretSeal> seal, Duration timeout) {
        this.client = client;
        this.keys = keys;
        this.seal = seal;
        this.timeout = timeout;
    }

    /** What an import did. */
    public record Imported(int written, int deleted, long revision) {
    }

    /**
     * Makes the store hold exactly {@code dir}'s files (validate it first).
     *
     * @throws StoreWriteException when the store changed meanwhile or does not answer
     */
    public Imported importDirectory(Path dir) throws Exception {
        Map<String, byte[]> wanted = filesOf(dir);
        StoreRead now = StoreRead.of(client, keys, timeout);
        Map<String, byte[]> changes = new LinkedHashMap<>();
        int written = 0;
        for (Map.Entry<String, byte[]> e : wanted.entrySet()) {
            byte[] stored = now.files().get(e.getKey());
            if (stored == null || !Arrays.equals(plain(e.getKey(), stored), e.getValue())) {
                changes.put(e.getKey(), e.getValue());
                written++;
            }
        }
        int deleted = 0;
        for (String had : now.files().keySet()) {
            if (!wanted.containsKey(had)) {
                changes.put(had, null);
                deleted++;
            }
        }
        if (changes.isEmpty()) {
            return new Imported(0, 0, now.revision());
        }
        long revision = new StoreWriter(client, keys, seal).commit(changes, now.seq(), timeout);
        return new Imported(written, deleted, revision);
    }

    /** Writes the store's files into {@code dir}; returns the revision they are at. */
    public long exportTo(Path dir) throws Exception {
        StoreRead now = StoreRead.of(client, keys, timeout);
        WorkingCopy.write(dir, now.files(), seal);
        return now.revision();
    }

    private byte[] plain(String relative, byte[] stored) throws IOException {
        if (!relative.startsWith(StoreKeys.SECRETS) || seal.isEmpty()) {
            return stored;
        }
        return seal.get().open(relative, stored);
    }

    /** accounts.yaml and every regular file under the store's folders, by relative path. */
    static Map<String, byte[]> filesOf(Path dir) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        Path accounts = dir.resolve(ConfigLoader.ACCOUNTS_FILE);
        if (Files.isRegularFile(accounts)) {
            out.put(ConfigLoader.ACCOUNTS_FILE, Files.readAllBytes(accounts));
        }
        for (String folder : FOLDERS) {
            Path f = dir.resolve(folder);
            if (!Files.isDirectory(f)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(f)) {
                for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)
                        .filter(p -> !p.getFileName().toString().startsWith("."))::iterator) {
                    out.put(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
                }
            }
        }
        return out;
    }
}
