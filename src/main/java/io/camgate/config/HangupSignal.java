package io.camgate.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The SIGHUP handler that asks for a reload. {@code sun.misc.Signal} is the only way a Java
 * process can take a signal; where it is missing or refuses HUP (some JVM flags and platforms
 * do), reloading on file changes and by the admin API still works, so that is logged, not fatal.
 */
final class HangupSignal {
    private static final Logger LOG = LoggerFactory.getLogger(HangupSignal.class);

    private final Signal signal;
    private final SignalHandler previous;

    private HangupSignal(Signal signal, SignalHandler previous) {
        this.signal = signal;
        this.previous = previous;
    }

    /** Installs {@code action} as the HUP handler; null when the platform does not allow it. */
    static HangupSignal install(Runnable action) {
        try {
            Signal hup = new Signal("HUP");
            SignalHandler previous = Signal.handle(hup, s -> action.run());
            return new HangupSignal(hup, previous);
        } catch (IllegalArgumentException | LinkageError | SecurityException e) {
            LOG.warn("SIGHUP cannot be handled here ({}); reload by file change or the admin API instead", e.toString());
            return null;
        }
    }

    /** Puts the handler that was there before back. */
    void restore() {
        Signal.handle(signal, previous);
    }
}
