package io.camgate.lint;

import static org.assertj.core.api.Assertions.assertThat;

import io.camgate.authz.Snapshot;
import io.camgate.config.ConfigLoader;
import io.camgate.testing.ExampleConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyLinterTest {
    private static final String BUCKET = "qcs::cos:ap-shanghai:uid/1250000001:examplebucket-1250000001";

    @TempDir
    Path dir;

    private List<Finding> lint(Path config) throws Exception {
        Snapshot snapshot = ConfigLoader.withSystemEnvironment().load(config, 1);
        return new PolicyLinter(config, snapshot).lint();
    }

    private Path exampleWith(String policy, String json) throws Exception {
        Path config = ExampleConfig.copyTo(dir.resolve("config"));
        Files.writeString(config.resolve("policies/" + policy + ".json"), json);
        return config;
    }

    private static String policy(String statements) {
        return "{\"version\":\"2.0\",\"statement\":[" + statements + "]}";
    }

    @Test
    void theExampleConfigurationIsLintClean() throws Exception {
        assertThat(lint(Path.of("config"))).isEmpty();
    }

    @Test
    void unknownActionsAreReportedWithTheNearestKnownOne() throws Exception {
        Path config = exampleWith("typo", policy("{\"effect\":\"allow\",\"action\":[\"name/cos:GetObject\","
                + "\"name/cos:GetObjekt\",\"name/cos:Frobnicate*\",\"name/cam:Whatever\"],\"resource\":[\"" + BUCKET
                + "/*\"]}"));
        List<Finding> f = lint(config);
        assertThat(f).extracting(Finding::kind).containsOnly(Finding.Kind.UNKNOWN_ACTION);
        assertThat(f).hasSize(2);
        assertThat(f.get(0).file()).isEqualTo(config.resolve("policies/typo.json").toString());
        assertThat(f.get(0).pointer()).isEqualTo("/statement/0/action/1");
        assertThat(f.get(0).suggestion()).isEqualTo("name/cos:GetObject");
        assertThat(f.get(1).pointer()).isEqualTo("/statement/0/action/2");
        assertThat(f.get(1).suggestion()).isNull();
    }

    @Test
    void resourcesNamingWhatTheDirectoryLacksAreReported() throws Exception {
        Path config = exampleWith("elsewhere", policy("{\"effect\":\"allow\",\"action\":\"name/cos:GetObject\","
                + "\"resource\":[\"qcs::cos:ap-shanghai:uid/1250000001:otherbucket-1250000001/*\","
                + "\"qcs::cos:ap-beijing:uid/1250000001:examplebucket-1250000001/*\","
                + "\"qcs::cos:ap-shanghai:uid/1259999999:x-1259999999/*\","
                + "\"qcs::cos:eu-frankfurt:uid/1250000001:*\", \"" + BUCKET + "/*\"]}"));
        List<Finding> f = lint(config);
        assertThat(f).extracting(Finding::kind).containsOnly(Finding.Kind.UNKNOWN_RESOURCE);
        assertThat(f).extracting(Finding::pointer).containsExactly("/statement/0/resource/0",
                "/statement/0/resource/1", "/statement/0/resource/2", "/statement/0/resource/3");
        assertThat(f).extracting(Finding::reason).containsExactly(
                "accounts.yaml has no bucket \"otherbucket-1250000001\"",
                "bucket examplebucket-1250000001 is in ap-shanghai, not ap-beijing",
                "no root account of accounts.yaml has the APPID 1259999999",
                "no bucket of accounts.yaml is in the region eu-frankfurt");
    }

    @Test
    void anAllowEveryHolderIsDeniedIsShadowed() throws Exception {
        Path config = ExampleConfig.copyTo(dir.resolve("config"));
        // deny-secret is attached to dave only; its new allow lies wholly inside its deny
        Files.writeString(config.resolve("policies/deny-secret.json"), policy(
                "{\"effect\":\"deny\",\"action\":[\"name/cos:*\"],\"resource\":[\"qcs::cos::uid/1250000001:"
                        + "examplebucket-1250000001/secret/*\"]},"
                        + "{\"effect\":\"allow\",\"action\":[\"name/cos:GetObject\"],\"resource\":[\"" + BUCKET
                        + "/secret/reports/*\"]},"
                        + "{\"effect\":\"allow\",\"action\":[\"name/cos:GetObject\"],\"resource\":[\"" + BUCKET
                        + "/reports/*\"]}"));
        List<Finding> f = lint(config);
        assertThat(f).singleElement().satisfies(one -> {
            assertThat(one.kind()).isEqualTo(Finding.Kind.SHADOWED_ALLOW);
            assertThat(one.pointer()).isEqualTo("/statement/1");
        });
    }

    @Test
    void aBucketPolicyAllowForTheSamePrincipalsAsADenyIsShadowed() throws Exception {
        Path config = ExampleConfig.copyTo(dir.resolve("config"));
        Path file = config.resolve("bucket-policies/examplebucket-1250000001.json");
        String text = Files.readString(file);
        int end = text.lastIndexOf(']');
        Files.writeString(file, text.substring(0, end) + ", {\"Principal\": {\"qcs\": [\"qcs::cam::anyone:anyone\"]},"
                + "\"Effect\": \"Allow\", \"Action\": [\"name/cos:GetObject\"], \"Resource\": [\"" + BUCKET
                + "/secret/public/*\"]}" + text.substring(end));
        List<Finding> f = lint(config);
        assertThat(f).singleElement().satisfies(one -> {
            assertThat(one.kind()).isEqualTo(Finding.Kind.SHADOWED_ALLOW);
            assertThat(one.pointer()).isEqualTo("/Statement/4");
            assertThat(one.reason()).contains("(statement 1)");
        });
    }

    @Test
    void queryDerivedConditionValuesMustBeEncoded() throws Exception {
        Path config = exampleWith("prefix", policy("{\"effect\":\"deny\",\"action\":\"name/cos:GetBucket\","
                + "\"resource\":\"" + BUCKET + "/\",\"condition\":{\"string_like\":{\"cos:prefix\":[\"secret/*\","
                + "\"media%2F*\",\"plain*\"]},\"string_equal\":{\"cos:response-content-type\":\"image/jpeg\","
                + "\"cos:content-type\":\"image/jpeg\"}}}"));
        List<Finding> f = lint(config);
        assertThat(f).extracting(Finding::kind).containsOnly(Finding.Kind.UNENCODED_QUERY_VALUE);
        assertThat(f).extracting(Finding::pointer).containsExactly("/statement/0/condition/string_like/cos:prefix/0",
                "/statement/0/condition/string_equal/cos:response-content-type");
        assertThat(f).extracting(Finding::suggestion).containsExactly("secret%2F*", "image%2Fjpeg");
    }

    @Test
    void findingsComeByStatement() {
        assertThat(PolicyLinter.statementOf("/statement/10/action/2")).isEqualTo(10);
        assertThat(PolicyLinter.statementOf("/Statement/3")).isEqualTo(3);
        assertThat(PolicyLinter.statementOf("")).isEqualTo(-1);
    }

    @Test
    void encodingKeepsTheGlobOnlyForLikeOperatorsAndKeepsEscapes() {
        assertThat(QueryValueEncoding.encode("a b/*", true)).isEqualTo("a%20b%2F*");
        assertThat(QueryValueEncoding.encode("a*", false)).isEqualTo("a%2A");
        assertThat(QueryValueEncoding.encode("x%2Fy%zz", false)).isEqualTo("x%2Fy%25zz");
        assertThat(QueryValueEncoding.encode("照片/", true)).isEqualTo("%E7%85%A7%E7%89%87%2F");
    }

    @Test
    void wildcardsInTheBucketNameAreReportedWithTheBucketInFull() throws Exception {
        Path config = exampleWith("reach", policy("{\"effect\":\"allow\",\"action\":\"name/cos:GetObject\","
                + "\"resource\":[\"" + BUCKET + "*\", \"qcs::cos:ap-shanghai:uid/1250000001:example*/a/*\","
                + "\"qcs::ci:ap-shanghai:uid/1250000001:bucket/examplebucket-1250000001*\", \"" + BUCKET
                + "/*\"]}"));
        List<Finding> f = lint(config);
        assertThat(f).extracting(Finding::kind).containsOnly(Finding.Kind.BUCKET_WILDCARD);
        assertThat(f).extracting(Finding::pointer).containsExactly("/statement/0/resource/0",
                "/statement/0/resource/1", "/statement/0/resource/2");
        assertThat(f).extracting(Finding::suggestion).containsExactly(BUCKET + "/*", null,
                "qcs::ci:ap-shanghai:uid/1250000001:bucket/examplebucket-1250000001/*");
    }

    @Test
    void documentsNearTheirSizeLimitAreReported() throws Exception {
        StringBuilder statements = new StringBuilder();
        for (int i = 0; i < 44; i++) {
            statements.append(i == 0 ? "" : ",").append("{\"effect\":\"allow\",\"action\":[\"name/cos:GetObject\"],"
                    + "\"resource\":[\"" + BUCKET + "/dir" + i + "/*\"]}");
        }
        String text = policy(statements.toString());
        assertThat(text.length()).isBetween(6144 * 9 / 10, 6144);
        Path config = exampleWith("big", text);
        List<Finding> f = lint(config);
        assertThat(f).singleElement().satisfies(one -> {
            assertThat(one.kind()).isEqualTo(Finding.Kind.NEAR_SIZE_LIMIT);
            assertThat(one.pointer()).isEmpty();
            assertThat(one.reason()).startsWith("the document has " + text.length() + " characters without white space");
        });
    }
}
