package io.camgate.logs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
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

    private static final SerializableString TIMESTAMP = new SerializedString("timestamp");
    private static final SerializableString MESSAGE = new SerializedString("message");
    private static final SerializableString LOGGER = new SerializedString("logger");
    private static final SerializableString THREAD = new SerializedString("thread");
    private static final SerializableString LEVEL = new SerializedString("level");
    private static final SerializableString INFO = new SerializedString("INFO");

    private final Lines buffer = new Lines();
    private final UtcTimes times = new UtcTimes();
    /** A value being put together (a redacted target), and its chars as the generator takes them. */
    private final StringBuilder text = new StringBuilder(512);
    private char[] chars = new char[512];
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
        json.writeFieldName(TIMESTAMP);
        times.writeNanos(json, now.getEpochSecond(), now.getNano());
        json.writeFieldName(MESSAGE);
        json.writeString(message);
        json.writeFieldName(LOGGER);
        json.writeString(logger);
        json.writeFieldName(THREAD);
        json.writeString(Thread.currentThread().getName());
        json.writeFieldName(LEVEL);
        json.writeString(INFO);
        return json;
    }

    /** Writes {@code epochMillis} as {@code Instant.toString()} would, without an Instant. */
    void writeMillis(long epochMillis) throws IOException {
        times.writeMillis(json, epochMillis);
    }

    /**
     * Writes {@code nanos} as milliseconds, a JSON number with up to six decimals (at least one,
     * as Java writes a double): exact, and without formatting a double.
     */
    void writeNanosAsMillis(long nanos) throws IOException {
        text.setLength(0);
        if (nanos < 0) {
            text.append('-');
        }
        text.append(Math.abs(nanos / 1_000_000)).append('.');
        int at = text.length();
        // plus a million the fraction always has seven digits; without the leading 1, six, zeros in front kept
        text.append(Math.abs(nanos % 1_000_000) + 1_000_000).deleteCharAt(at);
        int end = text.length();
        while (end > at + 1 && text.charAt(end - 1) == '0') {
            end--;
        }
        text.setLength(end);
        json.writeNumber(chars(), 0, end);
    }

    /** An empty builder to put a string value together in; {@link #writeText()} writes it. */
    StringBuilder text() {
        text.setLength(0);
        return text;
    }

    /** Writes what {@link #text()} holds as a JSON string, without making a String of it. */
    void writeText() throws IOException {
        json.writeString(chars(), 0, text.length());
    }

    private char[] chars() {
        if (chars.length < text.length()) {
            chars = new char[text.capacity()];
        }
        text.getChars(0, text.length(), chars, 0);
        return chars;
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
