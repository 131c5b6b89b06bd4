package io.camgate.proxy;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/**
 * The one way the gateway writes an HTTP date: IMF-fixdate (RFC 9110 §5.6.7),
 * {@code Sun, 06 Dec 2026 08:00:00 GMT}. The JDK's {@code RFC_1123_DATE_TIME} writes a
 * one-digit day ({@code Sun, 6 Dec 2026}), which RFC 9110 lets recipients reject; SDKs read
 * this header to correct their clock skew.
 */
final class HttpDate {
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM uuuu HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private HttpDate() {
    }

    /** {@code time} (an instant, or a date-time with an offset or zone) as IMF-fixdate, in GMT. */
    public static String format(TemporalAccessor time) {
        return IMF_FIXDATE.format(time);
    }
}
