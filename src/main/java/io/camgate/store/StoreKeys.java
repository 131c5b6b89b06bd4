package io.camgate.store;

import io.etcd.jetcd.ByteSequence;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The key layout under a prefix ({@code /camgate/} by default), "files as keys": each file of a
 * configuration directory is one key, so the loader, the validation and the CAM API's edits are
 * the same in both modes.
 * <ul>
 * <li>{@code <prefix>files/accounts.yaml}
 * <li>{@code <prefix>files/policies/<name>.json}, {@code <prefix>files/bucket-policies/<file>.json}
 * <li>{@code <prefix>files/secrets/<file>}: a secret key file, sealed ({@link SecretSeal})
 * <li>{@code <prefix>meta/seq}: rewritten by every write, so that its mod revision is the
 *     revision of the last change and a write can be conditioned on it
 * <li>{@code <prefix>meta/import}: there while an import too large for one transaction is
 *     written in several; replicas publish nothing until it is gone
 * </ul>
 */
public final class StoreKeys {
    /** The folder of secret files, sealed in the store. */
    public static final String SECRETS = "secrets/";

    private final String prefix;

    /** The layout under {@code prefix}, which ends in {@code /}. */
    public StoreKeys(String prefix) {
        this.prefix = prefix;
    }

    /** The prefix every file key starts with. */
    ByteSequence files() {
        return bytes(prefix + "files/");
    }

    /** The first key after every file key, to bound a paged range. */
    ByteSequence filesEnd() {
        byte[] b = (prefix + "files/").getBytes(StandardCharsets.UTF_8);
        byte[] end = Arrays.copyOf(b, b.length);
        end[end.length - 1]++;
        return ByteSequence.from(end);
    }

    /** The key of the file at {@code relative} (with {@code /} between folders). */
    ByteSequence file(String relative) {
        return bytes(prefix + "files/" + relative);
    }

    /** The file a key names, or null when the key is not a file key. */
    String relative(ByteSequence key) {
        String k = key.toString(StandardCharsets.UTF_8);
        String files = prefix + "files/";
        return k.startsWith(files) ? k.substring(files.length()) : null;
    }

    /** The sequence key every write rewrites. */
    ByteSequence seq() {
        return bytes(prefix + "meta/seq");
    }

    /** The marker of an import in progress. */
    ByteSequence importMarker() {
        return bytes(prefix + "meta/import");
    }

    /** The prefix as configured. */
    public String prefix() {
        return prefix;
    }

    static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }
}
