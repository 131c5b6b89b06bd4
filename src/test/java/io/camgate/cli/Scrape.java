package io.camgate.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A Prometheus text exposition, parsed into samples. */
record Scrape(List<Scrape.Sample> samples) {
    /** One sample line: name, labels and value. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    static Scrape parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            String name = brace >= 0 && brace < space ? line.substring(0, brace) : line.substring(0, space);
            Map<String, String> labels = new LinkedHashMap<>();
            if (brace >= 0 && brace < space) {
                String body = line.substring(brace + 1, line.lastIndexOf('}'));
                int i = 0;
                while (i < body.length()) {
                    int eq = body.indexOf('=', i);
                    int close = body.indexOf('"', eq + 2);
                    while (body.charAt(close - 1) == '\\') {
                        close = body.indexOf('"', close + 1);
                    }
                    labels.put(body.substring(i, eq), body.substring(eq + 2, close));
                    i = close + 1;
                    if (i < body.length() && body.charAt(i) == ',') {
                        i++;
                    }
                }
            }
            samples.add(new Sample(name, labels, Double.parseDouble(line.substring(space + 1))));
        }
        return new Scrape(samples);
    }

    /** The sum of every sample named {@code name} whose labels include {@code having}. */
    double sum(String name, Map<String, String> having) {
        return samples.stream().filter(s -> s.name().equals(name))
                .filter(s -> s.labels().entrySet().containsAll(having.entrySet()))
                .mapToDouble(Sample::value).sum();
    }

    /** The sum of every sample named {@code name}. */
    double sum(String name) {
        return sum(name, Map.of());
    }
}
