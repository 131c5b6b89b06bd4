package io.camgate.logs;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.Instant;

/**
 * Writes instants as JSON strings in UTC without formatting objects: the date and time of day
 * are worked out once a second and kept, only the fraction is written per line. One instance
 * serves one thread.
 */
final class UtcTimes {
    private final char[] text = new char[40];
    private long second = Long.MIN_VALUE;
    /** How many chars of {@link #text} the date and time of day of {@link #second} take. */
    private int secondLength;

    /**
     * {@code instant} as logback's encoder wrote the line's timestamp (ISO_OFFSET_DATE_TIME in
     * UTC): the fraction to the nanosecond, trailing zeros left off, no fraction for a whole second.
     */
    void writeNanos(JsonGenerator json, long epochSecond, int nanos) throws IOException {
        int at = second(epochSecond);
        if (nanos != 0) {
            int digits = 9;
            while (nanos % 10 == 0) {
                nanos /= 10;
                digits--;
            }
            at = fraction(at, nanos, digits);
        }
        text[at++] = 'Z';
        json.writeString(text, 0, at);
    }

    /** {@code epochMillis} as {@link Instant#toString()} writes it: three digits of fraction unless none. */
    void writeMillis(JsonGenerator json, long epochMillis) throws IOException {
        int at = second(Math.floorDiv(epochMillis, 1000));
        int millis = (int) Math.floorMod(epochMillis, 1000);
        if (millis != 0) {
            at = fraction(at, millis, 3);
        }
        text[at++] = 'Z';
        json.writeString(text, 0, at);
    }

    /** Puts the date and time of day of {@code epochSecond} at the start of {@link #text}; returns its length. */
    private int second(long epochSecond) {
        if (epochSecond != second) {
            String whole = Instant.ofEpochSecond(epochSecond).toString();
            secondLength = whole.length() - 1;
            whole.getChars(0, secondLength, text, 0);
            second = epochSecond;
        }
        return secondLength;
    }

    /** Writes {@code '.'} and {@code value} in {@code digits} digits, zero-padded, at {@code at}. */
    private int fraction(int at, int value, int digits) {
        text[at] = '.';
        for (int i = digits; i > 0; i--) {
            text[at + i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return at + digits + 1;
    }
}
