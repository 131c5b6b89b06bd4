package io.camgate.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes {@code camgate test} outcomes as JUnit XML, the format CI systems read: one
 * {@code testsuite} per test file, one {@code testcase} per test, a {@code failure} with the
 * expected and actual decision for each failed one.
 */
final class JUnitReport {
    private JUnitReport() {
    }

    static void write(Path file, List<TestOutcome> outcomes) throws IOException {
        Map<String, List<TestOutcome>> byFile = new LinkedHashMap<>();
        outcomes.forEach(o -> byFile.computeIfAbsent(o.test().file(), f -> new ArrayList<>()).add(o));
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(w);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeStartElement("testsuites");
            x.writeAttribute("name", "camgate test");
            x.writeAttribute("tests", Integer.toString(outcomes.size()));
            x.writeAttribute("failures", Long.toString(outcomes.stream().filter(o -> !o.passed()).count()));
            for (Map.Entry<String, List<TestOutcome>> suite : byFile.entrySet()) {
                x.writeStartElement("testsuite");
                x.writeAttribute("name", suite.getKey());
                x.writeAttribute("tests", Integer.toString(suite.getValue().size()));
                x.writeAttribute("failures", Long.toString(suite.getValue().stream().filter(o -> !o.passed()).count()));
                x.writeAttribute("errors", "0");
                for (TestOutcome o : suite.getValue()) {
                    x.writeStartElement("testcase");
                    x.writeAttribute("classname", suite.getKey());
                    x.writeAttribute("name", o.test().name());
                    if (!o.passed()) {
                        x.writeStartElement("failure");
                        x.writeAttribute("message", o.failures().get(0));
                        x.writeCharacters(String.join("\n", o.failures()) + "\ndeciding statements: "
                                + Expectation.describe(o.actual()) + "\n");
                        x.writeEndElement();
                    }
                    x.writeEndElement();
                }
                x.writeEndElement();
            }
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
