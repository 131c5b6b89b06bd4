package io.camgate.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.camgate.authz.Snapshot;
import io.camgate.authz.index.IndexedEngine;
import io.camgate.config.ConfigLoader;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report of a real engine run, opened in Debian's headless Chromium: the DOM it
 * renders holds plots with data (every series as many points as it says, bars as long as
 * their counts), and a screenshot shows the plots' colours. The report loads nothing from
 * the network.
 */
class ReportInChromiumTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Pattern SERIES = Pattern.compile(
            "<polyline class=\"series\" data-series=\"([^\"]+)\" data-points=\"(\\d+)\"[^>]* points=\"([^\"]*)\"");
    private static final Pattern BAR = Pattern.compile(
            "<rect class=\"bar\" x=\"\\d+\" y=\"\\d+\" width=\"(\\d+)\"[^>]* data-value=\"(\\d+)\"");

    @TempDir
    static Path dir;

    private static Path html;
    private static ReportData data;

    @BeforeAll
    static void writeReport() throws Exception {
        Snapshot snapshot = ConfigLoader.withSystemEnvironment().load(Path.of("config"), 1);
        Workload workload = WorkloadGenerator.generate(snapshot, 3);
        EngineLoad load = new EngineLoad(new IndexedEngine(snapshot), workload, 3, 1, RunBound.requests(50_000));
        EngineReport report = load.run();
        data = load.reportData(report, List.of("config, seed 3"));
        html = ReportFiles.write(dir.resolve("report"), data);
    }

    private static String chromium(String... args) throws Exception {
        assertThat(CHROMIUM).as("Debian's chromium (scripts/test.sh installs it)").isExecutable();
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + Files.createTempDirectory(dir, "chromium")));
        command.addAll(List.of(args));
        command.add(html.toUri().toString());
        Path out = Files.createTempFile(dir, "chromium", ".out");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("chromium ends within two minutes").isTrue();
        assertThat(p.exitValue()).isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    @Test
    void theRenderedDomHoldsEveryPlotWithItsData() throws Exception {
        String dom = chromium("--dump-dom");
        Matcher series = SERIES.matcher(dom);
        List<String> names = new ArrayList<>();
        while (series.find()) {
            names.add(series.group(1));
            int points = Integer.parseInt(series.group(2));
            assertThat(points).as(series.group(1)).isPositive();
            assertThat(series.group(3).trim().split(" ")).as(series.group(1)).hasSize(points);
        }
        assertThat(names).containsExactly("decision", "throughput");
        Matcher bars = BAR.matcher(dom);
        long total = 0;
        int count = 0;
        while (bars.find()) {
            long value = Long.parseLong(bars.group(2));
            assertThat(Integer.parseInt(bars.group(1)) > 0).as("a bar is drawn exactly when it counts something")
                    .isEqualTo(value > 0);
            total += value;
            count++;
        }
        assertThat(count).as("allow, deny and the four reasons").isEqualTo(6);
        assertThat(total).as("each of the two bar plots counts every decision").isEqualTo(2 * 50_000);
        assertThat(dom).contains("<table id=\"slowest\">").contains(data.slowest().get(0).caller());
    }

    @Test
    void aScreenshotShowsThePlots() throws Exception {
        Path png = dir.resolve("report.png");
        chromium("--window-size=800,2000", "--screenshot=" + png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(800);
        assertThat(pixels(image, 0x1f77b4)).as("the blue of the lines and the first bars").isGreaterThan(500);
        assertThat(pixels(image, 0xd62728)).as("the red of the second bars").isGreaterThan(500);
    }

    @Test
    void theReportLoadsNothingAndItsDataFilesAreBesideIt() throws Exception {
        String text = Files.readString(html);
        assertThat(text).doesNotContain("<script src").doesNotContain("<link").doesNotContain("url(")
                .doesNotContain("@import").doesNotContain("<img");
        assertThat(text.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http:").doesNotContain("https:");
        Path folder = html.getParent();
        assertThat(Files.readString(folder.resolve("decision.hgrm"))).contains("Value     Percentile TotalCount")
                .contains("#[Mean");
        List<String> throughput = Files.readAllLines(folder.resolve("throughput.csv"));
        assertThat(throughput.get(0)).isEqualTo("second,requests");
        assertThat(throughput.stream().skip(1).mapToLong(l -> Long.parseLong(l.split(",")[1])).sum())
                .isEqualTo(50_000);
        assertThat(Files.readAllLines(folder.resolve("reasons.csv"))).hasSize(5);
        assertThat(Files.readAllLines(folder.resolve("callers.csv")).get(0)).isEqualTo("caller,requests,mean_us,max_us");
        assertThat(Files.readAllLines(folder.resolve("percentiles.csv")).get(1)).startsWith("decision,us,");
    }

    /** How many pixels have {@code rgb}, give or take a little antialiasing. */
    private static int pixels(BufferedImage image, int rgb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                if (close(p >> 16, rgb >> 16) && close(p >> 8, rgb >> 8) && close(p, rgb)) {
                    n++;
                }
            }
        }
        return n;
    }

    private static boolean close(int a, int b) {
        return Math.abs((a & 0xff) - (b & 0xff)) <= 8;
    }
}
