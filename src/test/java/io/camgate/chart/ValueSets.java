package io.camgate.chart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The value sets the chart promises to render: its defaults, every optional feature on, and
 * each YAML example of the chart README (so the documented values are the tested ones).
 */
final class ValueSets {
    static final Path ALL_FEATURES = RenderedChart.CHART.resolve("ci/all-features-values.yaml");
    private static final Path SCRATCH = Path.of("target", "chart-values");
    private static final Map<ValueSet, RenderedChart> RENDERED = new ConcurrentHashMap<>();
    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

    /** A named value set, as values files. */
    record ValueSet(String name, List<Path> files) {
        /** The chart rendered with these values, once per test run. */
        RenderedChart render() {
            return RENDERED.computeIfAbsent(this, v -> RenderedChart.render(v.files.toArray(Path[]::new)));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final ValueSet DEFAULTS = new ValueSet("defaults", List.of());
    private static final ValueSet EVERYTHING = new ValueSet("all features", List.of(ALL_FEATURES));

    private ValueSets() {
    }

    /** The chart's own defaults. */
    static RenderedChart defaults() {
        return DEFAULTS.render();
    }

    /** ci/all-features-values.yaml: every optional object on, keys from the chart's Secret. */
    static RenderedChart allFeatures() {
        return EVERYTHING.render();
    }

    /** Every value set; the README examples are written as files under target/. */
    static List<ValueSet> all() {
        List<ValueSet> sets = new ArrayList<>();
        sets.add(DEFAULTS);
        sets.add(EVERYTHING);
        List<String> examples = readmeExamples();
        for (int i = 0; i < examples.size(); i++) {
            Path file = SCRATCH.resolve("readme-example-" + (i + 1) + ".yaml");
            try {
                Files.createDirectories(SCRATCH);
                Files.writeString(file, examples.get(i));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            sets.add(new ValueSet("README example " + (i + 1), List.of(file)));
        }
        return sets;
    }

    /** The YAML blocks of the chart README, each a values file. */
    static List<String> readmeExamples() {
        try {
            Matcher m = YAML_BLOCK.matcher(Files.readString(RenderedChart.CHART.resolve("README.md")));
            List<String> out = new ArrayList<>();
            while (m.find()) {
                out.add(m.group(1));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
