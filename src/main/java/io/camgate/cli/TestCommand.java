package io.camgate.cli;

import io.camgate.authz.PolicyEngine;
import io.camgate.authz.Snapshot;
import io.camgate.authz.index.EngineKind;
import io.camgate.authz.index.Engines;
import io.camgate.policy.PolicyException;
import io.camgate.policy.PolicyProblem;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code camgate test}: runs the named tests of YAML test files against a configuration with
 * the engine {@code explain} uses, prints each test's outcome and the statements' coverage.
 * Exits 0 when every test passes, 1 when any fails, and 2 on bad usage, a bad test file or a
 * configuration that does not load (nothing runs then).
 */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Run policy tests: requests with their expected decisions "
                + "(exit 0 all pass, 1 any fails, 2 bad usage or file).")
final class TestCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "YAML test files (README, Testing a policy set).")
    List<Path> files;

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write the outcomes as JUnit XML to FILE.")
    Path junit;

    @Option(names = "--no-coverage", description = "Leave out the coverage of statements.")
    boolean noCoverage;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Snapshot snapshot = config.load(err);
        if (snapshot == null) {
            return 2;
        }
        TestRequests requests = new TestRequests(snapshot.directory());
        List<PolicyTest> tests = new ArrayList<>();
        List<PolicyProblem> problems = new ArrayList<>();
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                problems.add(new PolicyProblem(f.toString(), "", "no such file"));
                continue;
            }
            try {
                tests.addAll(PolicyTestFile.read(f, requests));
            } catch (PolicyException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            problems.forEach(err::println);
            err.println(problems.size() + (problems.size() == 1 ? " problem" : " problems")
                    + " in the test files; no test ran");
            return 2;
        }
        PolicyEngine engine = Engines.forSnapshot(snapshot, EngineKind.INDEX);
        MatchedStatements matches = new MatchedStatements(snapshot);
        List<TestOutcome> outcomes = new ArrayList<>();
        String file = null;
        for (PolicyTest t : tests) {
            if (!t.file().equals(file)) {
                file = t.file();
                out.println(file);
            }
            TestOutcome o = TestOutcome.run(t, engine, matches);
            outcomes.add(o);
            out.println((o.passed() ? "  PASS  " : "  FAIL  ") + t.name());
            for (String f : o.failures()) {
                out.println("        " + f);
            }
            if (!o.passed()) {
                out.println("        deciding statements: " + Expectation.describe(o.actual()));
                out.println("        at " + t.file() + " " + t.pointer());
            }
        }
        long failed = outcomes.stream().filter(o -> !o.passed()).count();
        out.printf("%d tests, %d passed, %d failed%n", outcomes.size(), outcomes.size() - failed, failed);
        if (!noCoverage) {
            new TestCoverage(snapshot.policies(), outcomes).print(out);
        }
        if (junit != null) {
            JUnitReport.write(junit, outcomes);
        }
        out.flush();
        return failed == 0 ? 0 : 1;
    }
}
