package io.camgate.config;

import io.camgate.policy.PolicyProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The parts of camgate.yaml that are bound once, when the process starts: the listeners'
 * addresses and TLS (data plane, ingress, admin), the admin listener's operator token, the
 * signature rules the shared authenticator is built with, the shadow directory, the Redis of
 * the shared limits and the shared store. A reload
 * whose camgate.yaml changes any of them is refused whole, so that what the process reports
 * is what it does; the routes, the listener's timeouts and everything outside camgate.yaml
 * change in place.
 */
final class RestartOnlySettings {
    private static final String RESTART = " takes a restart; the running configuration stays in force";

    private RestartOnlySettings() {
    }

    /** One problem per restart-only part that differs between the running and the next settings. */
    static List<PolicyProblem> changes(String file, GatewaySettings running, GatewaySettings next) {
        List<PolicyProblem> out = new ArrayList<>();
        ListenSettings was = running.listen();
        ListenSettings now = next.listen();
        changed(out, file, "/listen/address", "the listener's address", was.address(), now.address());
        changed(out, file, "/listen/port", "the listener's port", was.port(), now.port());
        if (!Objects.equals(was.certificate(), now.certificate()) || !Objects.equals(was.key(), now.key())) {
            out.add(new PolicyProblem(file, "/listen/tls", "the listener's TLS changes (" + tls(was) + " to "
                    + tls(now) + "), which" + RESTART));
        }
        changed(out, file, "/ingress", "the ingress decision listener", ingress(running.ingress()),
                ingress(next.ingress()));
        AdminSection admin = running.operations().admin();
        AdminSection nextAdmin = next.operations().admin();
        changed(out, file, "/admin/address", "the admin listener's address", admin.address(), nextAdmin.address());
        changed(out, file, "/admin/port", "the admin listener's port", admin.port(), nextAdmin.port());
        if (!Objects.equals(admin.token(), nextAdmin.token())) {
            out.add(new PolicyProblem(file, "/admin/token", "the operator token changes, which" + RESTART));
        }
        changed(out, file, "/shadow", "the shadow directory", running.operations().shadow().map(Object::toString)
                .orElse("none"), next.operations().shadow().map(Object::toString).orElse("none"));
        if (!running.operations().limits().equals(next.operations().limits())) {
            out.add(new PolicyProblem(file, "/limits", "the shared limits' Redis changes, which" + RESTART));
        }
        if (!running.operations().store().equals(next.operations().store())) {
            // said without the section's values: it may hold the store's password
            out.add(new PolicyProblem(file, "/store", "the shared store section changes, which" + RESTART));
        }
        if (!running.signature().equals(next.signature())) {
            out.add(new PolicyProblem(file, "/signature", "the signature rules change, which" + RESTART));
        }
        return out;
    }

    private static void changed(List<PolicyProblem> out, String file, String pointer, String what, Object was,
            Object now) {
        if (!Objects.equals(was, now)) {
            out.add(new PolicyProblem(file, pointer, what + " changes from " + was + " to " + now + ", which" + RESTART));
        }
    }

    private static String tls(ListenSettings listen) {
        return listen.tls() ? "certificate " + listen.certificate().getFileName() : "plain HTTP";
    }

    private static String ingress(Optional<IngressSettings> ingress) {
        return ingress.map(i -> i.address() + ":" + i.port()).orElse("none");
    }
}
