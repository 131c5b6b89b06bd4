package io.camgate.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.camgate.authz.Snapshot;
import io.camgate.policy.PolicyException;
import io.camgate.policy.PolicyProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One change to a configuration directory, made through the API rather than by hand: the
 * accounts file as an editable tree, policy files and secret files to write or delete. Nothing
 * touches the directory until {@link #commit}: {@link #validate} first loads the would-be
 * directory (a copy with the change applied) exactly as a reload would, so a change that would
 * be rejected is refused without a trace.
 *
 * <p>Committing writes each file to a temporary name beside it and moves it into place
 * atomically, in an order where every intermediate state is itself valid: new files first, then
 * {@code accounts.yaml}, then deletions. The files stay plain YAML and JSON that people edit;
 * comments in {@code accounts.yaml} are not kept by an API write (the file says so in its first
 * line).
 */
public final class ConfigEdit {
    /** The first line of an accounts file written by the API. */
    static final String HEADER = "# Written by camgate's CAM API; edit freely (comments are not kept by API writes).\n";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build());

    private final Path dir;
    private final ObjectNode accounts;
    private boolean accountsChanged;
    /** Relative path to new content, or to null for a deletion; in the order given. */
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final List<String> secretFiles = new ArrayList<>();

    private ConfigEdit(Path dir, ObjectNode accounts) {
        this.dir = dir;
        this.accounts = accounts;
    }

    /**
     * Starts a change to {@code dir}, reading its accounts file.
     *
     * @throws IOException when the accounts file cannot be read as a mapping
     */
    public static ConfigEdit of(Path dir) throws IOException {
        JsonNode tree = YAML.readTree(Files.readString(dir.resolve(ConfigLoader.ACCOUNTS_FILE), StandardCharsets.UTF_8));
        if (!(tree instanceof ObjectNode object)) {
            throw new IOException(ConfigLoader.ACCOUNTS_FILE + " is not a mapping");
        }
        return new ConfigEdit(dir, object);
    }

    /** The accounts file as a tree; call {@link #accountsChanged} after changing it. */
    public ObjectNode accounts() {
        return accounts;
    }

    /** Marks the accounts tree as changed, so that it is written. */
    public void accountsChanged() {
        accountsChanged = true;
    }

    /** The text of {@code policies/<name>.json} as this change would leave it, or empty. */
    public Optional<String> policyText(String name) throws IOException {
        return text(policyPath(name));
    }

    /** The text of the file at {@code relative} as this change would leave it, or empty. */
    public Optional<String> text(String relative) throws IOException {
        if (files.containsKey(relative)) {
            byte[] b = files.get(relative);
            return b == null ? Optional.empty() : Optional.of(new String(b, StandardCharsets.UTF_8));
        }
        Path p = dir.resolve(relative);
        return Files.isRegularFile(p) ? Optional.of(Files.readString(p, StandardCharsets.UTF_8)) : Optional.empty();
    }

    /** Writes {@code document} (JSON) as {@code policies/<name>.json}, pretty-printed. */
    public void putPolicy(String name, JsonNode document) throws IOException {
        files.put(policyPath(name), (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document) + "\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code text} as the file at {@code relative}. */
    public void putText(String relative, String text) {
        files.put(relative, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Deletes {@code policies/<name>.json}. */
    public void deletePolicy(String name) {
        files.put(policyPath(name), null);
    }

    /** Writes a secret file readable only by its owner, at {@code relative}. */
    public void putSecret(String relative, String secret) {
        files.put(relative, (secret + "\n").getBytes(StandardCharsets.UTF_8));
        secretFiles.add(relative);
    }

    /** Deletes a file at {@code relative}, e.g. a secret whose key is gone. */
    public void delete(String relative) {
        files.put(relative, null);
    }

    private static String policyPath(String name) {
        return ConfigLoader.POLICIES_DIR + "/" + name + ".json";
    }

    /**
     * Loads the directory as it would be after this change.
     *
     * @throws PolicyException with the problems, named by their place in the real directory
     * @throws IOException     when the copy cannot be made
     */
    public Snapshot validate(ConfigLoader loader, long generation) throws PolicyException, IOException {
        Path stage = Files.createTempDirectory("camgate-stage-");
        try {
            copy(dir, stage);
            apply(stage, false);
            try {
                return loader.load(stage, generation);
            } catch (PolicyException e) {
                List<PolicyProblem> named = new ArrayList<>();
                for (PolicyProblem p : e.problems()) {
                    named.add(new PolicyProblem(p.file().replace(stage.toString(), dir.toString()), p.pointer(),
                            p.reason().replace(stage.toString(), dir.toString())));
                }
                throw new PolicyException(named);
            }
        } finally {
            deleteTree(stage);
        }
    }

    /**
     * The files this change writes (relative path to content) and deletes (to null), the
     * accounts file included when it changed: what a store write commits in one transaction.
     */
    public Map<String, byte[]> changedFiles() throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>(files);
        if (accountsChanged) {
            out.put(ConfigLoader.ACCOUNTS_FILE, (HEADER + YAML.writeValueAsString(accounts))
                    .getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    /** Writes the change into the directory, each file atomically. */
    public void commit() throws IOException {
        apply(dir, true);
    }

    private void apply(Path root, boolean atomic) throws IOException {
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            if (e.getValue() != null) {
                write(root.resolve(e.getKey()), e.getValue(), secretFiles.contains(e.getKey()), atomic);
            }
        }
        if (accountsChanged) {
            byte[] yaml = (HEADER + YAML.writeValueAsString(accounts)).getBytes(StandardCharsets.UTF_8);
            write(root.resolve(ConfigLoader.ACCOUNTS_FILE), yaml, false, atomic);
        }
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            if (e.getValue() == null) {
                Files.deleteIfExists(root.resolve(e.getKey()));
            }
        }
    }

    /**
     * Writes {@code content} to {@code target} through a temporary file beside it: moved into
     * place atomically (or replacing, where {@code atomic} is false), readable only by the
     * owner when {@code secret}.
     */
    public static void write(Path target, byte[] content, boolean secret, boolean atomic) throws IOException {
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling("." + target.getFileName() + ".camgate-tmp");
        Files.write(tmp, content);
        if (secret) {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the directory's own protection applies
            }
        }
        if (atomic) {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Copies the visible tree (following the symlinks a mounted ConfigMap uses, skipping its {@code ..} entries). */
    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from, FileVisitOption.FOLLOW_LINKS)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path rel = from.relativize(p);
                if (rel.toString().isEmpty()) {
                    continue;
                }
                if (rel.getName(0).toString().startsWith("..")) {
                    continue;
                }
                Path target = to.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Deletes {@code root} and everything under it (a scratch or working copy). */
    public static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
