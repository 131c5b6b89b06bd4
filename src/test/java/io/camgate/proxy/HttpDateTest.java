package io.camgate.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpDateTest {
    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "2026-12-06T08:00:00Z,     'Sun, 06 Dec 2026 08:00:00 GMT'",
        "2026-01-01T00:00:00Z,     'Thu, 01 Jan 2026 00:00:00 GMT'",
        "2026-11-23T02:00:00Z,     'Mon, 23 Nov 2026 02:00:00 GMT'",
        "1999-09-09T09:09:09.999Z, 'Thu, 09 Sep 1999 09:09:09 GMT'",
        "2030-02-28T23:59:59Z,     'Thu, 28 Feb 2030 23:59:59 GMT'",
    })
    void anInstantIsWrittenAsImfFixdate(String instant, String expected) {
        Instant t = Instant.parse(instant);
        assertThat(HttpDate.format(t)).isEqualTo(expected);
        assertThat(HttpDate.format(t.atZone(ZoneId.of("Asia/Shanghai")))).isEqualTo(expected);
        assertThat(HttpDate.format(OffsetDateTime.ofInstant(t, ZoneId.of("America/Los_Angeles")))).isEqualTo(expected);
    }

    @Test
    void everyDayOfTheMonthHasTwoDigits() {
        // the regression: RFC_1123_DATE_TIME wrote "Sun, 6 Dec 2026 08:00:00 GMT", which is not IMF-fixdate
        for (int day = 1; day <= 31; day++) {
            String written = HttpDate.format(ZonedDateTime.of(2026, 12, day, 8, 0, 0, 0, ZoneOffset.UTC));
            assertThat(written).matches("[A-Z][a-z]{2}, \\d{2} Dec 2026 08:00:00 GMT")
                    .contains(String.format(" %02d Dec ", day));
        }
    }
}
