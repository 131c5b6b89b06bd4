package io.camgate.config;

import java.util.Set;

/**
 * The {@code admin:} section of camgate.yaml: where the admin listener (metrics, health, the
 * decision endpoint, the CAM API) listens. Absent means 127.0.0.1:9090.
 *
 * @param address the address to bind
 * @param port    the port; 0 picks a free one
 */
public record AdminSection(String address, int port) {
    /** The defaults. */
    public static final AdminSection DEFAULT = new AdminSection("127.0.0.1", 9090);

    private static final Set<String> FIELDS = Set.of("address", "port");

    static AdminSection read(YamlNode node) {
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
        return new AdminSection(address == null ? DEFAULT.address() : address, port);
    }
}
