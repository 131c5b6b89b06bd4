package io.camgate.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.camgate.testing.ExampleConfig;
import io.camgate.testing.ProcessLines;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar ({@code target/camgate.jar}, as the image runs it) serving with a shadow set:
 * every metric the chart's PrometheusRule and Grafana dashboard query is on its {@code /metrics}
 * once it has answered one request, and it reports the build it was packaged from.
 */
class MonitoredMetricsTest {
    private static final Pattern SERVING = Pattern.compile("serving http://127\\.0\\.0\\.1:(\\d+) .*admin http://127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path tmp;

    @Test
    void everyMetricTheRuleAndTheDashboardQueryIsScraped() throws Exception {
        Path dir = ExampleConfig.copyTo(tmp.resolve("config"));
        ExampleConfig.copyTo(tmp.resolve("next"));
        Files.writeString(dir.resolve("camgate.yaml"), """
                listen: {address: 127.0.0.1, port: 0, shutdownTimeout: 5s}
                admin: {address: 127.0.0.1, port: 0}
                shadow: ../next
                routes:
                  - {name: unused, buckets: [examplebucket-1250000001], upstream: "http://127.0.0.1:9", auth: none}
                """);
        String java = ProcessHandle.current().info().command().orElse("java");
        Process serve = new ProcessBuilder(java, "-Xmx256m", "-jar", "target/camgate.jar", "serve", "--config",
                dir.toString()).redirectErrorStream(true).start();
        try {
            ProcessLines output = ProcessLines.follow(serve, "serve");
            Matcher ports = SERVING.matcher(output.await(l -> SERVING.matcher(l).find()));
            assertThat(ports.find()).isTrue();
            // HTTP/1.1: the h2c upgrade offer (Connection: Upgrade) is refused as framing, never counted as a request
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.group(1) + "/a.txt")).build(),
                    HttpResponse.BodyHandlers.discarding());
            // the request is counted before its access line is handed to the log writer
            output.await(l -> l.contains("\"logger\":\"camgate.access\""));
            String scrape = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.group(2)
                    + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();

            Set<String> scraped = new TreeSet<>();
            scrape.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).forEach(l -> scraped.add(l.split("[{ ]")[0]));
            RenderedChart chart = ValueSets.allFeatures();
            assertThat(scraped).containsAll(MonitoringQueries.metrics(MonitoringQueries.ruleExpressions(chart)));
            assertThat(scraped).containsAll(MonitoringQueries.metrics(MonitoringQueries.dashboardExpressions(chart)));

            assertThat(scrape).containsPattern("camgate_build_info\\{revision=\"" + revisionOfThisCheckout()
                    + "\",version=\"[^\"]+\"\\} 1");
        } finally {
            serve.destroy();
            if (!serve.waitFor(30, TimeUnit.SECONDS)) {
                serve.destroyForcibly();
            }
        }
    }

    @Test
    void theJarSaysItsVersionAndTheRevisionItWasBuiltFrom() throws Exception {
        Process version = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-jar",
                "target/camgate.jar", "--version").redirectErrorStream(true).start();
        String out = new String(version.getInputStream().readAllBytes()).strip();
        assertThat(version.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).matches("camgate \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(git revision " + revisionOfThisCheckout() + "\\)");
    }

    /** HEAD's abbreviated commit as git says it (the jar was packaged from it), or "unknown" without git. */
    private static String revisionOfThisCheckout() throws Exception {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short=12", "HEAD").start();
            String out = new String(git.getInputStream().readAllBytes()).strip();
            return git.waitFor() == 0 && !out.isEmpty() ? out : "unknown";
        } catch (IOException e) {
            return "unknown";
        }
    }
}
