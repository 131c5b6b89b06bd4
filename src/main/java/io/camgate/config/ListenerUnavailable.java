package io.camgate.config;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * A listener could not listen where camgate.yaml (or a flag) says: the port is taken, the
 * address is not this host's, or binding it is not permitted. The message names the listener,
 * the address and port, and the system's reason, in one line.
 */
public final class ListenerUnavailable extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * @param listener which listener: gateway, ingress, admin
     * @param where    the address and port it was to listen on
     * @param cause    what binding failed with
     */
    public ListenerUnavailable(String listener, InetSocketAddress where, Throwable cause) {
        super("the " + listener + " listener cannot listen on " + where.getHostString() + ":" + where.getPort() + ": "
                + reason(cause), cause);
    }

    /** The system's reason without the native transport's {@code bind(..) failed with error(-98):} prefix. */
    private static String reason(Throwable cause) {
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        int colon = message.indexOf(": ");
        return message.startsWith("bind(") && colon >= 0 ? message.substring(colon + 2) : message;
    }
}
