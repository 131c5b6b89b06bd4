package io.camgate.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.camgate.authz.Reason;
import io.camgate.policy.PolicyException;
import io.camgate.policy.PolicyProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a {@code camgate test} file (README, Testing a policy set): a YAML mapping whose
 * {@code tests} list holds named tests, each a {@code request} and what to {@code expect}. The
 * whole file is read before anything runs, and every problem is reported with the file, the
 * JSON pointer and the reason, so that a bad file never half-runs.
 */
final class PolicyTestFile {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> TEST_FIELDS = Set.of("name", "request", "expect");
    private static final Set<String> EXPECT_FIELDS = Set.of("decision", "reason", "statements");

    private final String file;
    private final TestRequests requests;
    private final List<PolicyProblem> problems = new ArrayList<>();

    private PolicyTestFile(String file, TestRequests requests) {
        this.file = file;
        this.requests = requests;
    }

    /**
     * The tests of {@code path}, resolved against the directory {@code requests} reads.
     *
     * @throws PolicyException with every problem of the file
     */
    static List<PolicyTest> read(Path path, TestRequests requests) throws PolicyException {
        PolicyTestFile reader = new PolicyTestFile(path.toString(), requests);
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(path, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new PolicyException(List.of(new PolicyProblem(path.toString(), "", "not valid YAML: "
                    + e.getOriginalMessage() + (e.getLocation() == null ? ""
                            : " (line " + e.getLocation().getLineNr() + ")"))));
        } catch (IOException e) {
            throw new PolicyException(List.of(new PolicyProblem(path.toString(), "", "cannot read: " + e)));
        }
        List<PolicyTest> tests = reader.tests(root);
        if (!reader.problems.isEmpty()) {
            throw new PolicyException(reader.problems);
        }
        return tests;
    }

    private List<PolicyTest> tests(JsonNode root) {
        List<PolicyTest> out = new ArrayList<>();
        if (root == null || !root.isObject() || !root.path("tests").isArray()) {
            problem("", "expected a mapping with a \"tests\" list");
            return out;
        }
        fieldsOnly(root, "", Set.of("tests"));
        Set<String> names = new HashSet<>();
        JsonNode list = root.get("tests");
        for (int i = 0; i < list.size(); i++) {
            String at = "/tests/" + i;
            JsonNode test = list.get(i);
            if (!test.isObject()) {
                problem(at, "a test is a mapping with fields " + TEST_FIELDS);
                continue;
            }
            fieldsOnly(test, at, TEST_FIELDS);
            String name = test.path("name").isTextual() ? test.get("name").asText().strip() : "";
            if (name.isEmpty()) {
                problem(at + "/name", "every test has a name (a non-empty string)");
            } else if (!names.add(name)) {
                problem(at + "/name", "another test of this file is already named \"" + name + "\"");
            }
            Expectation expect = expectation(test.get("expect"), at + "/expect");
            int before = problems.size();
            TestRequests.Resolved r = requests.resolve(test.get("request"), at + "/request", this::problem);
            if (expect != null && r != null && problems.size() == before) {
                out.add(new PolicyTest(file, at, name, r.principal(), r.needs(), r.context(), expect));
            }
        }
        if (list.isEmpty()) {
            problem("/tests", "the file has no tests");
        }
        return out;
    }

    private Expectation expectation(JsonNode node, String at) {
        if (node == null || !node.isObject()) {
            problem(at, "expected a mapping with \"decision\" (allow or deny), optionally \"reason\" and "
                    + "\"statements\"");
            return null;
        }
        fieldsOnly(node, at, EXPECT_FIELDS);
        String decision = node.path("decision").asText("").toLowerCase(Locale.ROOT);
        if (!decision.equals("allow") && !decision.equals("deny")) {
            problem(at + "/decision", "is allow or deny");
            return null;
        }
        Reason reason = null;
        if (node.has("reason")) {
            reason = reason(node.get("reason").asText(""));
            if (reason == null) {
                problem(at + "/reason", "is one of root, allowed, explicit_deny, implicit_deny");
                return null;
            }
            boolean allows = reason == Reason.ROOT || reason == Reason.ALLOWED;
            if (allows != decision.equals("allow")) {
                problem(at + "/reason", "reason " + reason.label() + " never comes with decision " + decision);
                return null;
            }
        }
        List<String> statements = null;
        JsonNode s = node.get("statements");
        if (s != null) {
            statements = new ArrayList<>();
            for (JsonNode item : s.isArray() ? s : List.of(s)) {
                String text = item.asText("");
                if (!item.isTextual() || !text.matches(".+#[0-9]+")) {
                    problem(at + "/statements", "a deciding statement is written POLICY#INDEX, e.g. deny-secret#0");
                    return null;
                }
                statements.add(text);
            }
        }
        return new Expectation(decision.equals("allow"), reason, statements);
    }

    private static Reason reason(String label) {
        for (Reason r : Reason.values()) {
            if (r.label().equals(label)) {
                return r;
            }
        }
        return null;
    }

    private void fieldsOnly(JsonNode node, String at, Set<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String name = it.next();
            if (!known.contains(name)) {
                problem(at + "/" + PolicyProblem.pointerToken(name), "unknown field; expected one of "
                        + known.stream().sorted().toList());
            }
        }
    }

    private void problem(String pointer, String reason) {
        problems.add(new PolicyProblem(file, pointer, reason));
    }
}
