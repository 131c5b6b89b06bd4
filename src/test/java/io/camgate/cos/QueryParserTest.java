package io.camgate.cos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class QueryParserTest {
    private static List<QueryParam> parse(String target) throws ClassificationException {
        return QueryParser.parse(target, target.indexOf('?') + 1);
    }

    @Test
    void aValueSpelledLikeThePreviousOneIsThatValue() throws ClassificationException {
        List<QueryParam> params = parse("/k?q-sign-time=1%3B2&q-key-time=1%3B2&x=1%3B3&y=1%3B2&z=&w=");

        assertThat(params).extracting(QueryParam::value).containsExactly("1;2", "1;2", "1;3", "1;2", "", "");
        assertThat(params.get(1).value()).isSameAs(params.get(0).value());
    }

    @Test
    void aValueRepeatingAnEarlierOneThatCannotBeDecodedIsStillRefused() {
        assertThatThrownBy(() -> parse("/k?a=%ZZ&b=%ZZ"))
                .isInstanceOfSatisfying(ClassificationException.class,
                        e -> assertThat(e.error()).isEqualTo(CosError.INVALID_URI));
    }

    @Test
    void noQueryAndAnEmptyQueryHaveNoParameters() throws ClassificationException {
        assertThat(QueryParser.parse("/k", -1)).isEmpty();
        assertThat(parse("/k?")).isEmpty();
        assertThat(parse("/k?&&")).isEmpty();
    }

    @Test
    void theParametersCannotBeChanged() throws ClassificationException {
        List<QueryParam> params = parse("/k?acl&versionId=1");

        assertThatThrownBy(() -> params.add(new QueryParam("x", ""))).isInstanceOf(UnsupportedOperationException.class);
        assertThat(params).containsExactly(new QueryParam("acl", ""), new QueryParam("versionId", "1"));
    }
}
