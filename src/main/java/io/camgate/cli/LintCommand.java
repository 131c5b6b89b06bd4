package io.camgate.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camgate.authz.Snapshot;
import io.camgate.lint.Finding;
import io.camgate.lint.PolicyLinter;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code camgate lint}: findings about policies that load but are almost certainly not what
 * was meant. Exits 0 with no findings, 1 with any, 2 when the configuration does not load
 * ({@code check} reports why).
 */
@Command(name = "lint", mixinStandardHelpOptions = true,
        description = "Find policy statements that cannot match, shadowed allows, unencoded query values, bucket "
                + "wildcards and documents near their size limit (exit 0 clean, 1 findings, 2 bad configuration).")
final class LintCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(names = "--json", description = "Print one JSON object per finding, one per line.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Snapshot snapshot = config.load(spec.commandLine().getErr());
        if (snapshot == null) {
            return 2;
        }
        List<Finding> findings = new PolicyLinter(config.dir, snapshot).lint();
        PrintWriter out = spec.commandLine().getOut();
        ObjectMapper mapper = JsonMapper.builder().build();
        for (Finding f : findings) {
            if (json) {
                ObjectNode n = mapper.createObjectNode().put("file", f.file()).put("pointer", f.pointer())
                        .put("kind", f.kind().label()).put("reason", f.reason());
                if (f.suggestion() != null) {
                    n.put("suggestion", f.suggestion());
                }
                out.println(n);
            } else {
                out.println(f);
            }
        }
        if (!json) {
            out.println(config.dir + ": " + (findings.isEmpty() ? "no findings"
                    : findings.size() + (findings.size() == 1 ? " finding" : " findings")));
        }
        out.flush();
        return findings.isEmpty() ? 0 : 1;
    }
}
