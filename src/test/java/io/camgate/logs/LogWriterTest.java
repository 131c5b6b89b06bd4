package io.camgate.logs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Records what each write call was given, so that a test sees the batches as the output got them. */
    private static final class Writes extends OutputStream {
        private final List<String> calls = new ArrayList<>();

        @Override
        public synchronized void write(int b) {
            calls.add(String.valueOf((char) b));
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            calls.add(new String(b, off, len, StandardCharsets.UTF_8));
        }

        synchronized List<String> calls() {
            return List.copyOf(calls);
        }

        List<String> lines() {
            return String.join("", calls()).lines().toList();
        }
    }

    static AccessLine request(int n, String uri) {
        return new AccessLine("r" + n, "GET", uri, 200, "allow", 0, 1024, 3_756_896, "100000000012",
                1_796_568_558_144L, "127.0.0.1", "b-1250000001.cos.ap-shanghai.myqcloud.com", "b-1250000001",
                "nginx", 200, null);
    }

    @Test
    void aWriterThatFallsBehindDropsAndCountsInsteadOfBlockingTheCaller() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Writes out = new Writes();
        LogWriter writer = LogWriter.start(() -> out);
        AccessLog log = new AccessLog(writer);
        try {
            writer.execute(() -> {
                writing.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertThat(writing.await(30, TimeUnit.SECONDS)).isTrue();
            // the writer is stuck in a slow write: the queue fills, then lines are dropped at once
            for (int i = 0; i < LogWriter.CAPACITY + 5; i++) {
                log.record(request(i, "/a?q-signature=secret" + i));
            }
            assertThat(writer.dropped()).isEqualTo(5);
        } finally {
            release.countDown();
            writer.close();
        }
        // closing wrote everything queued, in batches of whole lines, each a JSON object
        List<String> lines = out.lines();
        assertThat(lines).hasSize(LogWriter.CAPACITY);
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = JSON.readTree(lines.get(i));
            assertThat(line.path("requestId").asText()).isEqualTo("r" + i);
            assertThat(line.path("uri").asText()).isEqualTo("/a?q-signature=REDACTED");
        }
        assertThat(out.calls()).hasSizeLessThan(LogWriter.CAPACITY / 10).allMatch(call -> call.endsWith("\n"));
        assertThat(String.join("", out.calls())).doesNotContain("secret");
    }

    @Test
    void theAccessLogEncodesOnTheWritersThreadAndCloseWritesWhatIsQueued() throws Exception {
        Writes out = new Writes();
        try (LogWriter writer = LogWriter.start(() -> out)) {
            new AccessLog(writer).record(request(1, "/a?q-signature=abc"));
        }
        assertThat(out.lines()).hasSize(1);
        JsonNode line = JSON.readTree(out.lines().get(0));
        assertThat(line.path("thread").asText()).isEqualTo("camgate-log-writer");
        assertThat(line.path("uri").asText()).isEqualTo("/a?q-signature=REDACTED");
        assertThat(out.lines().get(0)).doesNotContain("abc");
    }

    @Test
    void accessAndDecisionLinesKeepTheirFieldsInTheirOrder() throws Exception {
        List<String> lines = new ArrayList<>();
        new AccessLog(lines::add).record(request(1, "/bench/obj-1k?q-ak=AKID&q-signature=abc"));
        new AccessLog(lines::add).record(new AccessLine("r2", "PUT", "/x", 403, "deny", 5, 0, 0, null, 0,
                "10.0.0.1", null, null, null, 0, null));
        new DecisionLog(1, lines::add).record("r3", 4, "etcd:42", io.camgate.identity.Principal.ANONYMOUS,
                LogsTest.READ, LogsTest.CONTEXT, LogsTest.DENY);

        assertThat(fieldNames(lines.get(0))).containsExactly("timestamp", "message", "logger", "thread", "level",
                "time", "requestId", "method", "uri", "status", "outcome", "bytesIn", "bytesOut", "durationMs",
                "principal", "clientIp", "host", "bucket", "route", "upstreamStatus");
        assertThat(lines.get(0)).contains("\"message\":\"access\",\"logger\":\"camgate.access\",\"thread\":\""
                + Thread.currentThread().getName() + "\",\"level\":\"INFO\",\"time\":\"2026-12-06T14:49:18.144Z\","
                + "\"requestId\":\"r1\",\"method\":\"GET\",\"uri\":\"/bench/obj-1k?q-ak=AKID&q-signature=REDACTED\","
                + "\"status\":200,\"outcome\":\"allow\",\"bytesIn\":0,\"bytesOut\":1024,\"durationMs\":3.756896,"
                + "\"principal\":\"100000000012\",\"clientIp\":\"127.0.0.1\"");
        assertThat(fieldNames(lines.get(1))).containsExactly("timestamp", "message", "logger", "thread", "level",
                "time", "requestId", "method", "uri", "status", "outcome", "bytesIn", "bytesOut", "durationMs",
                "clientIp");
        assertThat(lines.get(1)).contains("\"time\":\"1970-01-01T00:00:00Z\"").contains("\"durationMs\":0.0");
        assertThat(fieldNames(lines.get(2))).containsExactly("timestamp", "message", "logger", "thread", "level",
                "requestId", "snapshot", "principal", "needs", "context", "decision", "reason", "statements");
        assertThat(lines.get(2)).contains("\"message\":\"decision\",\"logger\":\"camgate.decisions\"")
                .contains("\"snapshot\":{\"generation\":4,\"revision\":\"etcd:42\"},\"principal\":\"anonymous\"")
                .contains("\"context\":{\"qcs:ip\":[\"10.1.2.3\"],\"cos:prefix\":[\"a/\",\"b/\"]}")
                .endsWith("\"decision\":\"deny\",\"reason\":\"explicit_deny\",\"statements\":[{\"policy\":"
                        + "\"deny-secret\",\"source\":\"user\",\"statement\":0,\"effect\":\"deny\"}]}");
    }

    private static List<String> fieldNames(String line) throws IOException {
        List<String> names = new ArrayList<>();
        JSON.readTree(line).fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void aLineThatCannotBeEncodedIsLeftOutWholeAndTheNextOnesAreWritten() throws Exception {
        Writes out = new Writes();
        try (LogWriter writer = LogWriter.start(() -> out)) {
            AccessLog log = new AccessLog(writer);
            log.record(request(1, "/one"));
            // no target: redaction fails half-way through the line
            log.record(request(2, null));
            log.record(request(3, "/three"));
        }
        List<String> lines = out.lines();
        assertThat(lines).hasSize(2);
        assertThat(JSON.readTree(lines.get(0)).path("requestId").asText()).isEqualTo("r1");
        assertThat(JSON.readTree(lines.get(1)).path("requestId").asText()).isEqualTo("r3");
    }

    @Test
    void anOutputThatFailsLosesThatBatchOnly() throws Exception {
        ByteArrayOutputStream good = new ByteArrayOutputStream();
        CountDownLatch failed = new CountDownLatch(1);
        OutputStream failing = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                failed.countDown();
                throw new IOException("disk full");
            }
        };
        AtomicReference<OutputStream> output = new AtomicReference<>(failing);
        try (LogWriter writer = LogWriter.start(output::get)) {
            AccessLog log = new AccessLog(writer);
            log.record(request(1, "/lost"));
            assertThat(failed.await(30, TimeUnit.SECONDS)).isTrue();
            output.set(good);
            log.record(request(2, "/kept"));
        }
        assertThat(good.toString(StandardCharsets.UTF_8)).doesNotContain("/lost").contains("\"uri\":\"/kept\"")
                .endsWith("}\n");
    }

    /**
     * The access lines go to stderr through the same PrintStream as logback's operational lines,
     * and each side writes whole lines in one call: written at the same time from several threads,
     * long lines of both still come out whole, one JSON object per line.
     */
    @Test
    void operationalAndAccessLinesWrittenAtOnceNeverShareALine() throws Exception {
        int operationalLines = 300;
        int accessLines = 3000;
        String padding = "x".repeat(3000);
        String last = "operational " + (operationalLines - 1) + " ";
        CountDownLatch lastOperationalLine = new CountDownLatch(1);
        ByteArrayOutputStream captured = new ByteArrayOutputStream() {
            @Override
            public synchronized void write(byte[] b, int off, int len) {
                super.write(b, off, len);
                if (new String(b, off, len, StandardCharsets.UTF_8).contains(last)) {
                    lastOperationalLine.countDown();
                }
            }
        };
        org.slf4j.Logger operational = LoggerFactory.getLogger(LogWriterTest.class);
        PrintStream stderr = System.err;
        // as the JVM makes System.err: a small buffer under a PrintStream that flushes each write
        System.setErr(new PrintStream(new BufferedOutputStream(captured, 128), true, StandardCharsets.UTF_8));
        try {
            try (LogWriter writer = LogWriter.start()) {
                AccessLog log = new AccessLog(writer);
                Thread logging = new Thread(() -> {
                    for (int i = 0; i < operationalLines; i++) {
                        operational.info("operational {} {}", i, padding);
                    }
                });
                logging.start();
                for (int i = 0; i < accessLines; i++) {
                    log.record(request(i, "/" + padding + "?q-signature=s" + i));
                }
                logging.join();
            }
            // logback writes on its asynchronous appender's thread; the writer wrote all on close
            assertThat(lastOperationalLine.await(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            System.setErr(stderr);
        }
        int access = 0;
        int ops = 0;
        for (String line : captured.toString(StandardCharsets.UTF_8).lines().toList()) {
            JsonNode record = JSON.readTree(line);
            assertThat(record.isObject()).as(line).isTrue();
            assertThat(record.path("timestamp").asText()).as(line).isNotEmpty();
            if (record.path("logger").asText().equals(AccessLog.LOGGER)) {
                access++;
            } else if (record.path("message").asText().startsWith("operational ")) {
                ops++;
            }
        }
        assertThat(access).isEqualTo(accessLines);
        assertThat(ops).isEqualTo(operationalLines);
    }
}
