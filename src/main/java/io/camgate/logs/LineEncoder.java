package io.camgate.logs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;

/**
 * Encodes log lines with Jackson's streaming generator into one buffer that is reused from
 * batch to batch, and hands the buffer on whole. A line starts with the fields logback's
 * encoder gives every line of the process ({@code timestamp}, {@code message}, {@code logger},
 * {@code thread}, {@code level}, in that order), so access, decision and operational lines read
 * alike. The buffer only ever holds whole lines: a line that fails half-way is cut off again.
 * Not thread-safe; one serves the log writer's thread.
 */
final class LineEncoder {
    /** Lines are separated by the newline each ends with, not by Jackson's root separator. */
    private static final JsonFactory JSON = new JsonFactoryBuilder().rootValueSeparator((String) null).build();

    private final Lines buffer = new Lines();
    private final UtcTimes times = new UtcTimes();
    private final Clock clock;
    private JsonGenerator json;

    LineEncoder(Clock clock) {
        this.clock = clock;
        this.json = open();
    }

    private JsonGenerator open() {
        try {
            return JSON.createGenerator(buffer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends {@code line} and a newline, or nothing when it cannot be encoded. */
    void add(LogLine line) {
        int mark = buffer.size();
        try {
            line.encode(this);
            json.writeEndObject();
            json.writeRaw('\n');
            json.flush();
        } catch (IOException | RuntimeException e) {
            // the line is lost, the lines before it are not; a fresh generator forgets where the broken one stood
            json = open();
            buffer.cutTo(mark);
        }
    }

    /** Starts a line of {@code logger}: the common fields, stamped now, on the calling thread. */
    JsonGenerator begin(String logger, String message) throws IOException {
        Instant now = clock.instant();
        json.writeStartObject();
        json.writeFieldName("timestamp");
        times.writeNanos(json, now.getEpochSecond(), now.getNano());
        json.writeStringField("message", message);
        json.writeStringField("logger", logger);
        json.writeStringField("thread", Thread.currentThread().getName());
        json.writeStringField("level", "INFO");
        return json;
    }

    /** Writes {@code epochMillis} as {@code Instant.toString()} would, without an Instant. */
    void writeMillis(long epochMillis) throws IOException {
        times.writeMillis(json, epochMillis);
    }

    /** Bytes held. */
    int size() {
        return buffer.size();
    }

    /**
     * Writes every line held to {@code out} in one call, so that a {@link java.io.PrintStream}
     * writes them under one hold of its lock, and empties the buffer whether or not that worked.
     */
    void writeTo(OutputStream out) throws IOException {
        try {
            buffer.writeTo(out);
            out.flush();
        } finally {
            buffer.reset();
        }
    }

    /** The lines held, without their last newline, and empties the buffer. */
    String take() {
        String lines = buffer.size() == 0 ? "" : new String(buffer.bytes(), 0, buffer.size() - 1,
                StandardCharsets.UTF_8);
        buffer.reset();
        return lines;
    }

    /** A byte buffer that can be cut back to an earlier size. */
    private static final class Lines extends ByteArrayOutputStream {
        Lines() {
            super(64 * 1024);
        }

        synchronized void cutTo(int size) {
            count = size;
        }

        synchronized byte[] bytes() {
            return buf;
        }
    }
}
