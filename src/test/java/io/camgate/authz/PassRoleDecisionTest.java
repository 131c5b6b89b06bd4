package io.camgate.authz;

import static io.camgate.authz.World.allow;
import static io.camgate.authz.World.deny;
import static io.camgate.authz.World.doc;
import static org.assertj.core.api.Assertions.assertThat;

import io.camgate.authz.index.IndexedEngine;
import io.camgate.cos.CosRequest;
import io.camgate.cos.CosSettings;
import io.camgate.cos.RequestClassifier;
import io.camgate.cos.RequestHeaders;
import io.camgate.cos.Transport;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CI job submissions need {@code cam:PassRole} on CI's service role as well as the CI action:
 * classified from the wire and decided by both the reference evaluator and the compiled index,
 * which must agree on every case.
 */
class PassRoleDecisionTest {
    private static final String OWNER = "100001";
    private static final String ALICE = "200001";
    private static final String BUCKET = "media-1250000001";
    private static final String CI_BUCKET = "qcs::ci::uid/1250000001:bucket/media-1250000001/*";
    private static final String ROLE = "qcs::cam::uin/100001:roleName/CI_QCSRole";

    private static CosRequest submit(World w, String target) throws Exception {
        RequestClassifier classifier = new RequestClassifier(CosSettings.DEFAULTS, Clock.systemUTC());
        return classifier.classify("POST", target,
                RequestHeaders.of(List.of("Host"), List.of(BUCKET + ".ci.ap-guangzhou.myqcloud.com")),
                Transport.plain("127.0.0.1"), w.snapshot().directory());
    }

    /** Both engines' decision, after checking they agree. */
    private static Decision decide(World w, CosRequest request) {
        Decision reference = w.evaluator().decideAll(w.user(ALICE), request.needs(), request.conditions());
        Decision index = new IndexedEngine(w.snapshot()).decideAll(w.user(ALICE), request.needs(),
                request.conditions());
        assertThat(index).isEqualTo(reference);
        return reference;
    }

    private static World aliceWith(String... statements) {
        return new World().root(OWNER, "1250000001").bucket(OWNER, BUCKET).user(OWNER, ALICE, "Jobs")
                .policy("Jobs", doc(statements));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/jobs", "/pic_jobs", "/doc_jobs", "/file_jobs", "/asr_jobs", "/inventorytriggerjob",
        "/triggerworkflow?workflowId=w1&object=in.mp4"})
    void theCiActionAloneIsNotEnough(String target) throws Exception {
        World w = aliceWith(allow("ci:*", CI_BUCKET));
        CosRequest request = submit(w, target);
        Decision d = decide(w, request);
        assertThat(d.allowed()).isFalse();
        assertThat(d.reason()).isEqualTo(Reason.IMPLICIT_DENY);
        // The need that fails is the role, not the CI action.
        Need role = request.needs().get(1);
        assertThat(role.action()).isEqualTo("cam:PassRole");
        assertThat(role.resource().text()).isEqualTo(ROLE);
        assertThat(w.evaluator().decide(w.user(ALICE), request.needs().get(0), request.conditions()).allowed())
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {ROLE, "qcs::cam::uin/100001:roleName/*", "*"})
    void passRoleOnTheServiceRoleAllowsTheJob(String roleResource) throws Exception {
        World w = aliceWith(allow("ci:CreateMediaJobs", CI_BUCKET), allow("cam:PassRole", roleResource));
        assertThat(decide(w, submit(w, "/jobs")).allowed()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"qcs::cam::uin/100001:roleName/OtherRole", "qcs::cam::uin/100002:roleName/CI_QCSRole"})
    void passRoleOnAnotherRoleOrAccountDoesNot(String roleResource) throws Exception {
        World w = aliceWith(allow("ci:CreateMediaJobs", CI_BUCKET), allow("cam:PassRole", roleResource));
        assertThat(decide(w, submit(w, "/jobs")).allowed()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/jobs", "/pic_jobs"})
    void anExplicitDenyOfPassRoleWins(String target) throws Exception {
        World w = aliceWith(allow("ci:*", CI_BUCKET), allow("cam:PassRole", "*"), deny("cam:PassRole", ROLE));
        Decision d = decide(w, submit(w, target));
        assertThat(d.reason()).isEqualTo(Reason.EXPLICIT_DENY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/template", "/workflow", "/snapshot", "/video/auditing"})
    void otherCiCallsDoNotNeedTheRole(String target) throws Exception {
        World w = aliceWith(allow("ci:*", CI_BUCKET));
        CosRequest request = submit(w, target);
        assertThat(request.needs()).hasSize(1);
        assertThat(decide(w, request).allowed()).isTrue();
    }
}
