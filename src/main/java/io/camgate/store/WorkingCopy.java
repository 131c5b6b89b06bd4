package io.camgate.store;

import io.camgate.config.ConfigEdit;
import io.camgate.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Writes the store's files into a directory the loader reads: each changed file atomically,
 * secret files opened and readable by the owner only, and files the store no longer has
 * removed (only in the folders the store owns, so camgate.yaml or anything else beside them
 * stays).
 */
final class WorkingCopy {
    private WorkingCopy() {
    }

    static void write(Path dir, Map<String, byte[]> files, Optional<SecretSeal> seal) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            Path target = dir.resolve(e.getKey()).normalize();
            if (!target.startsWith(dir) || e.getKey().startsWith(".")) {
                throw new IOException("the store holds a key outside the working copy: " + e.getKey());
            }
            boolean secret = e.getKey().startsWith(StoreKeys.SECRETS);
            byte[] content = e.getValue();
            if (secret) {
                if (seal.isEmpty()) {
                    throw new IOException(e.getKey() + " is sealed in the store and no sealKeyFile is configured");
                }
                content = seal.get().open(e.getKey(), content);
            }
            if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), content)) {
                continue;
            }
            ConfigEdit.write(target, content, secret, true);
        }
        List<Path> gone = new ArrayList<>();
        Path accounts = dir.resolve(ConfigLoader.ACCOUNTS_FILE);
        if (!files.containsKey(ConfigLoader.ACCOUNTS_FILE) && Files.exists(accounts)) {
            gone.add(accounts);
        }
        for (String folder : StoreTransfer.FOLDERS) {
            Path f = dir.resolve(folder);
            if (!Files.isDirectory(f)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(f)) {
                walk.filter(Files::isRegularFile)
                        .filter(p -> !files.containsKey(dir.relativize(p).toString().replace('\\', '/')))
                        .forEach(gone::add);
            }
        }
        for (Path p : gone) {
            Files.deleteIfExists(p);
        }
    }

    /** Whether two sets of files (relative path to content) are the same. */
    static boolean same(Map<String, byte[]> a, Map<String, byte[]> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (Map.Entry<String, byte[]> e : a.entrySet()) {
            if (!Arrays.equals(e.getValue(), b.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
