package io.camgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.camgate.testing.ExampleConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class TestCommandTest {
    private static final String EXAMPLE_TESTS = "config/tests/example.test.yaml";

    @Test
    void theExampleConfigurationPassesItsTests() {
        Run r = Run.of("test", "--config", "config", EXAMPLE_TESTS);
        assertThat(r.status()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("  PASS  dave cannot read under secret/").doesNotContain("FAIL")
                .containsPattern("\\d+ tests, \\d+ passed, 0 failed")
                .containsPattern("decided +deny-secret#0 +user policy, deny, 2 tests")
                .contains("of 12 statements of the configuration's policies, 12 decided at least one test, "
                        + "0 never matched any");
    }

    @Test
    void aPolicyEditThatOpensSecretFailsWithTheDecidingStatements(@TempDir Path dir) throws Exception {
        Path config = ExampleConfig.copyTo(dir.resolve("config"));
        Path deny = config.resolve("policies/deny-secret.json");
        Files.writeString(deny, Files.readString(deny).replace("/secret/*", "/secrets/*"));
        Path junit = dir.resolve("reports/junit.xml");
        Run r = Run.of("test", "--config", config.toString(), "--junit", junit.toString(),
                config.resolve("tests/example.test.yaml").toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).contains("  FAIL  dave cannot read under secret/\n"
                        + "        expected deny (explicit_deny), got allow (allowed)\n")
                .contains("deciding statements: cos-read-write#0 (user policy, allow)")
                .contains("  PASS  dave reads a report").containsPattern("2 failed")
                .containsPattern("never +deny-secret#0 +user policy, deny, matched no test");

        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        Element suites = xml.getDocumentElement();
        assertThat(suites.getAttribute("failures")).isEqualTo("2");
        NodeList failures = xml.getElementsByTagName("failure");
        assertThat(failures.getLength()).isEqualTo(2);
        Element failedCase = (Element) failures.item(0).getParentNode();
        assertThat(failedCase.getAttribute("name")).isEqualTo("dave cannot read under secret/");
        assertThat(((Element) failures.item(0)).getAttribute("message"))
                .isEqualTo("expected deny (explicit_deny), got allow (allowed)");
    }

    @Test
    void aBadTestFileIsReportedWithPointerAndNothingRuns(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, """
                tests:
                  - name: fine
                    request: {caller: dave, action: cos:GetObject, bucket: examplebucket-1250000001, key: a}
                    expect: {decision: allow}
                  - name: unknown caller
                    request: {caller: mallory, action: cos:GetObject, bucket: examplebucket-1250000001}
                    expect: {decision: allow}
                  - name: bad expectation
                    request: {caller: dave, method: GET, bucket: nobucket-1250000009}
                    expect: {decision: maybe}
                  - name: bad resource and context
                    request: {caller: dave, action: cos:GetObject, resource: nonsense, context: [a]}
                    expect: {decision: deny}
                  - name: bad resource
                    request: {caller: dave, action: cos:GetObject, resource: nonsense}
                    expect: {decision: deny}
                """);
        Run r = Run.of("test", "--config", "config", file.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.out()).doesNotContain("PASS");
        assertThat(r.err()).contains(file + " at /tests/1/request/caller: no root account or sub-user \"mallory\"")
                .contains(file + " at /tests/2/expect/decision: is allow or deny")
                .contains(file + " at /tests/2/request/bucket: no bucket \"nobucket-1250000009\" in accounts.yaml")
                .contains(file + " at /tests/3/request/context: \"context\" is an object")
                .contains(file + " at /tests/4/request/resource: resource \"nonsense\" is neither * nor")
                .contains("no test ran");
    }

    @Test
    void yamlSyntaxErrorsNameTheLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, "tests:\n  - name: a\n    request: {caller: dave\n");
        Run r = Run.of("test", "--config", "config", file.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).startsWith(file + ": not valid YAML").containsPattern("\\(line \\d+\\)");
    }

    @Test
    void theExpectedReasonAndStatementsAreChecked(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("t.yaml");
        Files.writeString(file, """
                tests:
                  - name: right decision, wrong reason
                    request: {caller: carol, method: DELETE, bucket: examplebucket-1250000001, key: a}
                    expect: {decision: deny, reason: explicit_deny}
                  - name: right decision, wrong statement
                    request: {caller: anonymous, method: GET, bucket: examplebucket-1250000001, key: public/a}
                    expect: {decision: allow, statements: examplebucket-1250000001#2}
                """);
        Run r = Run.of("test", "--config", "config", "--no-coverage", file.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).contains("expected deny (explicit_deny), got deny (implicit_deny)")
                .contains("expected deciding statements examplebucket-1250000001#2, got examplebucket-1250000001#0")
                .doesNotContain("coverage");
    }

    @Test
    void coverageTellsDecidingFromMatchingFromNeverMatching(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("one.yaml");
        Files.writeString(file, """
                tests:
                  - name: dave cannot read under secret/
                    request: {caller: dave, method: GET, bucket: examplebucket-1250000001, key: secret/plan.txt}
                    expect: {decision: deny}
                """);
        Run r = Run.of("test", "--config", "config", file.toString());
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("of 12 statements of the configuration's policies, 1 decided at least one test, "
                        + "10 never matched any")
                .containsPattern("decided +deny-secret#0 +user policy, deny, 1 test\n")
                .containsPattern("matched +cos-read-write#0 +user policy, allow, matched 1 test, decided none\n")
                .containsPattern("never +media-jobs#0 +user policy, allow, matched no test\n")
                .doesNotContainPattern("never +cos-read-write#0");
    }

    @Test
    void badUsageExitsTwo() {
        assertThat(Run.of("test", "--config", "config").status()).isEqualTo(2);
        assertThat(Run.of("test", "--config", "config", "no-such-file.yaml").status()).isEqualTo(2);
    }
}
