package io.camgate.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camgate.authz.index.Published;
import io.camgate.config.ConfigReloader;
import io.camgate.config.ReloadOutcome;
import io.camgate.logs.DecisionJson;
import io.camgate.metrics.GatewayMetrics;
import io.camgate.policy.PolicyProblem;
import io.camgate.store.StoreMode;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.FullHttpRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The operational endpoints: {@code /metrics}, {@code /healthz}, {@code /readyz},
 * {@code POST /admin/reload} and the decision endpoint {@code POST /v1/authorize}.
 */
final class OpsEndpoints {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final ConfigReloader reloader;
    private final GatewayMetrics metrics;
    private final AtomicBoolean draining = new AtomicBoolean();

    private final Optional<StoreMode> store;

    OpsEndpoints(ConfigReloader reloader, GatewayMetrics metrics, Optional<StoreMode> store) {
        this.store = store;
        this.reloader = reloader;
        this.metrics = metrics;
    }

    void drain() {
        draining.set(true);
    }

    AdminResponse metrics() {
        return new AdminResponse(200, PROMETHEUS_TEXT,
                metrics.scrape().getBytes(StandardCharsets.UTF_8));
    }

    AdminResponse health() {
        return json(200, JSON.createObjectNode().put("status", "alive"));
    }

    /**
     * Ready while a snapshot is loaded (there always is one once started) and the gateway is not
     * draining. A reload that was rejected or refused leaves the gateway ready on the last good
     * configuration; {@code lastReload} says so, with the problems, until a reload publishes.
     */
    AdminResponse ready() {
        Published current = reloader.current();
        boolean synced = store.map(StoreMode::ready).orElse(true);
        boolean ready = current != null && !draining.get() && synced;
        ObjectNode body = JSON.createObjectNode().put("status", draining.get() ? "draining" : synced ? "ready"
                : "syncing").put("generation", current == null ? 0 : current.generation())
                .put("revision", current == null ? null : current.revision());
        store.ifPresent(s -> body.putObject("store").put("connected", s.mirror().connected())
                .put("stale", s.stale()).put("revision", s.mirror().publishedRevision())
                .put("lastHeardSeconds", Math.round(s.mirror().stalenessSeconds() * 1000) / 1000.0));
        reloader.lastOutcome().ifPresent(last -> {
            ObjectNode reload = body.putObject("lastReload").put("outcome", last.result().label());
            if (!last.published()) {
                problems(reload, last);
            }
        });
        return json(ready ? 200 : 503, body);
    }

    /** 200 when published, 422 when a file did not validate, 409 when camgate.yaml changed what takes a restart. */
    AdminResponse reload() {
        ReloadOutcome outcome = reloader.reload();
        ObjectNode body = JSON.createObjectNode().put("published", outcome.published())
                .put("outcome", outcome.result().label()).put("generation", outcome.generation())
                .put("revision", outcome.revision());
        problems(body, outcome);
        int status = switch (outcome.result()) {
            case PUBLISHED -> 200;
            case REJECTED -> 422;
            case REFUSED -> 409;
        };
        return json(status, body);
    }

    private static void problems(ObjectNode body, ReloadOutcome outcome) {
        ArrayNode problems = body.putArray("problems");
        for (PolicyProblem p : outcome.problems()) {
            problems.addObject().put("file", p.file()).put("pointer", p.pointer()).put("reason", p.reason());
        }
    }

    /** Decides one question with the live snapshot; the answer has the shape of {@code camgate explain}. */
    AdminResponse authorize(FullHttpRequest request) {
        Published current = reloader.current();
        try {
            DecisionQuery q = DecisionQuery.fromJson(current.snapshot().directory(),
                    JSON.readTree(ByteBufUtil.getBytes(request.content())));
            ObjectNode answer = DecisionJson.of(JSON, current.engine().decide(q.principal(), q.need(), q.context()));
            answer.put("generation", current.generation()).put("revision", current.revision());
            return json(200, answer);
        } catch (JsonProcessingException e) {
            return json(400, DecisionJson.error(JSON, "not valid JSON: " + e.getOriginalMessage()));
        } catch (IOException e) {
            return json(400, DecisionJson.error(JSON, "cannot read the body"));
        } catch (IllegalArgumentException e) {
            return json(400, DecisionJson.error(JSON, e.getMessage()));
        }
    }

    static AdminResponse json(int status, ObjectNode body) {
        try {
            return AdminResponse.json(status, JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree always serializes", e);
        }
    }
}
