package io.camgate.logs;

import java.io.IOException;

/**
 * One access or decision line as the request path hands it to the {@link LogWriter}: the
 * values, immutable, that the writer's thread encodes.
 */
interface LogLine {
    /** Writes the line: {@link LineEncoder#begin} with its logger and message, then its own fields. */
    void encode(LineEncoder out) throws IOException;
}
