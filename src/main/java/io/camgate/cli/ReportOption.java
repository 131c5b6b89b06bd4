package io.camgate.cli;

import io.camgate.loadtest.ReportData;
import io.camgate.loadtest.ReportFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.Option;

/** The {@code --report DIR} option of the load drivers: an HTML report with its data files. */
final class ReportOption {
    @Option(names = "--report", paramLabel = "DIR",
            description = "Also write a self-contained HTML report (report.html), the histograms as .hgrm and the "
                    + "figures as CSV into DIR.")
    Path dir;

    /**
     * Writes the report when asked for, with {@code header} and the first {@code lines} lines of
     * {@code text} as its facts, and says where it is on {@code err}.
     */
    void write(String header, String text, int lines, Function<List<String>, ReportData> data, PrintWriter err)
            throws IOException {
        if (dir == null) {
            return;
        }
        List<String> facts = new ArrayList<>(List.of(header));
        text.lines().limit(lines).forEach(facts::add);
        Path html = ReportFiles.write(dir, data.apply(facts));
        err.println("report: " + html);
        err.flush();
    }
}
