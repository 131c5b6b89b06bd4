package io.camgate.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.camgate.policy.PolicyException;
import io.camgate.policy.PolicyProblem;
import io.camgate.sign.SignatureRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Reads {@code camgate.yaml}, every section of it, so that a reload validates the whole file.
 * Each section has its own reader. Every problem is reported with the file, the JSON pointer
 * and the reason.
 */
public final class GatewaySettingsLoader {
    /** The file, in the configuration directory. */
    public static final String FILE = "camgate.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> TOP = Set.of("listen", "signature", "routes", "ingress", "admin", "shadow",
            "logging", "limits", "store");

    private final UnaryOperator<String> environment;

    /** @param environment looks up environment variables for {@code secretKeyEnv} */
    public GatewaySettingsLoader(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    /** Whether {@code dir} has a {@code camgate.yaml}. */
    public static boolean present(Path dir) {
        return Files.isRegularFile(dir.resolve(FILE));
    }

    /**
     * Reads {@code dir/camgate.yaml}.
     *
     * @throws PolicyException with every problem found
     */
    public GatewaySettings load(Path dir) throws PolicyException {
        Path file = dir.resolve(FILE);
        String name = file.toString();
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new PolicyException(List.of(new PolicyProblem(name, "", "not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"))));
        } catch (IOException e) {
            throw new PolicyException(List.of(new PolicyProblem(name, "", "cannot read: " + e.getMessage())));
        }
        List<PolicyProblem> problems = new ArrayList<>();
        YamlNode top = new YamlNode(root, "", name, problems);
        if (!top.expectObject(TOP)) {
            throw new PolicyException(problems);
        }
        ListenSettings listen = ListenSection.read(top.child("listen"), dir);
        SignatureRules signature = SignatureSection.read(top.child("signature"));
        List<RouteSettings> routes = RoutesSection.read(top.child("routes"), dir, environment);
        Optional<IngressSettings> ingress = IngressSettings.read(top.child("ingress"));
        OpsSettings operations = OpsSettings.read(top, dir, environment);
        if (routes.isEmpty() && problems.isEmpty()) {
            top.child("routes").problem("at least one route is needed");
        }
        if (!problems.isEmpty()) {
            throw new PolicyException(problems);
        }
        return new GatewaySettings(listen, signature, routes, ingress, operations);
    }
}
