package io.camgate.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ValuesDocumentationTest {
    private static final Pattern KEY = Pattern.compile("^( *)[A-Za-z][\\w.-]*:.*");

    /**
     * Every key of values.yaml has a comment on the lines just above it or at its end. Keys
     * inside list items are examples and are described by their list's comment.
     */
    @Test
    void everyValueIsDocumented() throws Exception {
        List<String> lines = Files.readAllLines(RenderedChart.CHART.resolve("values.yaml"));
        List<String> undocumented = new ArrayList<>();
        int listIndent = -1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int indent = line.length() - line.stripLeading().length();
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            if (line.stripLeading().startsWith("- ")) {
                listIndent = listIndent < 0 ? indent : Math.min(listIndent, indent);
                continue;
            }
            if (listIndent >= 0 && indent > listIndent) {
                continue;
            }
            listIndent = -1;
            if (KEY.matcher(line).matches() && !line.contains(" # ") && !lines.get(i - 1).stripLeading().startsWith("#")) {
                undocumented.add((i + 1) + ": " + line.strip());
            }
        }
        assertThat(undocumented).isEmpty();
    }
}
