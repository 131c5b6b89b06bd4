package io.camgate.config;

import java.nio.file.Path;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The {@code admin:} section of camgate.yaml: where the admin listener (metrics, health, the
 * decision endpoint, the CAM API) listens, and the operator token its operations take. Absent
 * means 127.0.0.1:9090 and no token.
 *
 * @param address the address to bind
 * @param port    the port; 0 picks a free one
 * @param token   the bearer token {@code POST /admin/reload} and {@code POST /v1/authorize}
 *                require, or null when they take none; given as {@code token}, {@code tokenFile}
 *                (relative to the configuration directory) or {@code tokenEnv}
 */
public record AdminSection(String address, int port, String token) {
    /** The defaults. */
    public static final AdminSection DEFAULT = new AdminSection("127.0.0.1", 9090, null);

    private static final Set<String> FIELDS = Set.of("address", "port", "token", "tokenFile", "tokenEnv");

    /** The same section on another port. */
    public AdminSection withPort(int other) {
        return new AdminSection(address, other, token);
    }

    static AdminSection read(YamlNode node, Path dir, UnaryOperator<String> environment) {
        if (!node.present() || !node.expectObject(FIELDS)) {
            return DEFAULT;
        }
        String address = node.child("address").text(false);
        String portText = node.child("port").text(false);
        int port = DEFAULT.port();
        if (portText != null) {
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 0 || port > 65535) {
                node.child("port").problem("a port is a whole number from 0 to 65535, not \"" + portText + "\"");
                port = DEFAULT.port();
            }
        }
        String token = SecretField.given(node, "token") ? SecretField.read(node, "token", dir, environment) : null;
        return new AdminSection(address == null ? DEFAULT.address() : address, port, token);
    }

    @Override
    public String toString() {
        return "AdminSection[" + address + ":" + port + (token == null ? "" : ", token redacted") + "]";
    }
}
