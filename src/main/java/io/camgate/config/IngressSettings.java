package io.camgate.config;

import java.util.Optional;
import java.util.Set;

/**
 * The {@code ingress:} section of camgate.yaml: where the ingress decision listener (for nginx
 * {@code auth_request} and Envoy {@code ext_authz}) listens. It trusts the forwarded-client
 * headers its callers set, so it belongs on an address only the ingress can reach. Absent
 * means no such listener.
 *
 * @param address the address to bind
 * @param port    the port; 0 picks a free one
 */
public record IngressSettings(String address, int port) {
    private static final Set<String> FIELDS = Set.of("address", "port");

    /** The settings at {@code node}, empty when the section is absent (or has problems, then reported). */
    static Optional<IngressSettings> read(YamlNode node) {
        if (node.isAbsent() || !node.expectObject(FIELDS)) {
            return Optional.empty();
        }
        String address = node.child("address").text(false);
        if (node.child("port").isAbsent()) {
            node.child("port").problem("the ingress listener needs a port");
            return Optional.empty();
        }
        int port = node.child("port").integer(0, 0, 65535);
        return Optional.of(new IngressSettings(address == null ? "127.0.0.1" : address, port));
    }

    /** These settings on {@code newPort}. */
    public IngressSettings withPort(int newPort) {
        return new IngressSettings(address, newPort);
    }
}
