package io.camgate.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.camgate.policy.PolicyException;
import io.camgate.limits.SharedLimitSettings;
import io.camgate.policy.PolicyProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The operations sections of camgate.yaml ({@code admin:}, {@code shadow:}, {@code logging:},
 * {@code limits:}, {@code store:}). The other sections (listen, signature, routes) belong to the
 * gateway's own reader and are left alone here; a missing camgate.yaml means the defaults.
 *
 * @param admin   where the admin listener listens
 * @param shadow  the shadow policy directory, when one is configured
 * @param logging the log level and the decision log's allow sampling
 * @param limits  the Redis the replicas share their limits through, when one is configured
 * @param store   the shared store, when accounts and policies come from etcd
 */
public record OpsSettings(AdminSection admin, Optional<Path> shadow, LoggingSection logging,
        Optional<SharedLimitSettings> limits, Optional<StoreSettings> store) {
    /** The gateway's settings file in a configuration directory. */
    public static final String FILE = "camgate.yaml";

    /** No admin section, no shadow directory, the default logging. */
    public static final OpsSettings DEFAULTS = new OpsSettings(AdminSection.DEFAULT, Optional.empty(),
            LoggingSection.DEFAULT);

    /** The sections without shared limits or a shared store. */
    public OpsSettings(AdminSection admin, Optional<Path> shadow, LoggingSection logging) {
        this(admin, shadow, logging, Optional.empty(), Optional.empty());
    }

    /** These sections with the admin listener on {@code port}. */
    public OpsSettings withAdminPort(int port) {
        return new OpsSettings(admin.withPort(port), shadow, logging, limits, store);
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /**
     * Reads the sections from {@code configDir/camgate.yaml}, secrets named by environment
     * variable from this process's environment.
     *
     * @throws PolicyException with each problem's file, pointer and reason
     */
    public static OpsSettings read(Path configDir) throws PolicyException {
        return read(configDir, System::getenv);
    }

    /**
     * Reads the sections from {@code configDir/camgate.yaml}, secrets named by environment
     * variable from {@code environment}.
     *
     * @throws PolicyException with each problem's file, pointer and reason
     */
    public static OpsSettings read(Path configDir, UnaryOperator<String> environment) throws PolicyException {
        Path file = configDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return DEFAULTS;
        }
        JsonNode root = readRoot(file);
        List<PolicyProblem> problems = new ArrayList<>();
        OpsSettings read = read(new YamlNode(root, "", file.toString(), problems), configDir, environment);
        if (!problems.isEmpty()) {
            throw new PolicyException(problems);
        }
        return read;
    }

    /** The YAML tree of camgate.yaml at {@code file}, for a reader of one section. */
    static JsonNode readRoot(Path file) throws PolicyException {
        try {
            return YAML.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new PolicyException(List.of(new PolicyProblem(file.toString(), "", "not valid YAML: "
                    + e.getOriginalMessage())));
        } catch (IOException e) {
            throw new PolicyException(List.of(new PolicyProblem(file.toString(), "", "cannot read: " + e.getMessage())));
        }
    }

    /** The sections under {@code top}; problems go to {@code top}'s list. */
    static OpsSettings read(YamlNode top, Path configDir, UnaryOperator<String> environment) {
        return new OpsSettings(AdminSection.read(top.child("admin"), configDir, environment),
                ShadowSection.read(top.child("shadow"), configDir), LoggingSection.read(top.child("logging")),
                LimitsSection.read(top.child("limits"), configDir, environment),
                StoreSection.read(top.child("store"), configDir, environment));
    }
}
