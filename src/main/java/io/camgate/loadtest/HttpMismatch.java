package io.camgate.loadtest;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A request whose answer was not the predicted one, and how often it came back so.
 *
 * @param call   the request, with its prediction
 * @param status the status that came back
 * @param code   the COS error code that came back, or ""
 * @param count  how many times
 */
public record HttpMismatch(HttpCall call, int status, String code, AtomicLong count) {
}
