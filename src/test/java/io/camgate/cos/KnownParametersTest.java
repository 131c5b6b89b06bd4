package io.camgate.cos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class KnownParametersTest {
    @Test
    void aKnownNameSpelledPlainlyIsTheTablesOwnStringAndAnythingElseIsNotFound() {
        String query = "x&q-ak=AKID&acl&q-%61k&q-akk&Q-AK&imageMogr2";
        int ak = query.indexOf("q-ak=");

        assertThat(KnownParameters.find(query, ak, ak + 4)).isEqualTo("q-ak")
                .isSameAs(KnownParameters.find("q-ak", 0, 4));
        assertThat(KnownParameters.find(query, query.indexOf("acl"), query.indexOf("acl") + 3)).isEqualTo("acl");
        assertThat(KnownParameters.find(query, query.indexOf("imageMogr2"), query.length())).isEqualTo("imageMogr2");
        // escaped, longer, other case, unknown: left to decoding
        assertThat(KnownParameters.find(query, query.indexOf("q-%61k"), query.indexOf("q-%61k") + 6)).isNull();
        assertThat(KnownParameters.find(query, query.indexOf("q-akk"), query.indexOf("q-akk") + 5)).isNull();
        assertThat(KnownParameters.find(query, query.indexOf("Q-AK"), query.indexOf("Q-AK") + 4)).isNull();
        assertThat(KnownParameters.find(query, 0, 1)).isNull();
        assertThat(KnownParameters.find(query, 0, query.length())).isNull();
    }

    @Test
    void aQueryReadsTheSameWhetherItsNamesAreKnownOrEscaped() throws ClassificationException {
        String plain = "/k?acl&q-sign-time=1%3B2&response-content-type=a";
        String escaped = "/k?%61cl&q-sign-%74ime=1%3B2&response-content-%74ype=a";

        List<QueryParam> fromPlain = QueryParser.parse(plain, plain.indexOf('?') + 1);
        List<QueryParam> fromEscaped = QueryParser.parse(escaped, escaped.indexOf('?') + 1);

        assertThat(fromPlain).isEqualTo(fromEscaped).containsExactly(new QueryParam("acl", ""),
                new QueryParam("q-sign-time", "1;2"), new QueryParam("response-content-type", "a"));
    }

    @Test
    void aKnownNameGivenTwiceIsStillRefused() {
        String target = "/k?q-ak=a&q-%61k=b";

        assertThatThrownBy(() -> QueryParser.parse(target, 3))
                .isInstanceOfSatisfying(ClassificationException.class,
                        e -> assertThat(e.error()).isEqualTo(CosError.INVALID_ARGUMENT));
    }
}
