package io.camgate.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camgate.identity.Directory;
import io.camgate.identity.Principal;
import io.camgate.policy.ConditionContext;
import io.camgate.policy.Effect;
import io.camgate.policy.PolicyDocument;
import io.camgate.policy.PolicyKind;
import io.camgate.policy.PolicyParser;
import io.camgate.policy.ResourceName;
import org.junit.jupiter.api.Test;

/** The extra policy of a temporary credential: deny wins, an allow is required, nothing matching denies. */
class SessionPolicyTest {
    private static final StatementMatcher MATCHER = new StatementMatcher(Directory.empty());
    private static final Principal USER = new Principal.SubUser("100000000011", "100000000001");
    private static final String PREFIX = "qcs::cos:ap-beijing:uid/1250000000:examplebucket-1250000000/";

    private static SessionPolicy policy(String statements) throws Exception {
        return new SessionPolicy(PolicyParser.parse("session.json", "session", PolicyKind.USER,
                "{\"version\":\"2.0\",\"statement\":[" + statements + "]}"));
    }

    private static Decision decide(SessionPolicy policy, String action, String key) {
        return policy.decide(MATCHER, USER, "100000000001", "1250000000",
                new Need(action, ResourceName.parse(PREFIX + key)), ConditionContext.EMPTY);
    }

    @Test
    void anAllowIsRequired() throws Exception {
        SessionPolicy p = policy("{\"effect\":\"allow\",\"action\":[\"name/cos:GetObject\"],"
                + "\"resource\":[\"" + PREFIX + "public/*\"]}");
        Decision allowed = decide(p, "name/cos:GetObject", "public/a.txt");
        assertThat(allowed.allowed()).isTrue();
        assertThat(allowed.reason()).isEqualTo(Reason.ALLOWED);
        assertThat(allowed.statements()).containsExactly(new StatementRef(PolicySource.USER, "session", 0, Effect.ALLOW));
        assertThat(decide(p, "name/cos:GetObject", "private/a.txt")).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(decide(p, "name/cos:PutObject", "public/a.txt")).isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void aMatchingDenyWins() throws Exception {
        SessionPolicy p = policy("{\"effect\":\"allow\",\"action\":[\"cos:*\"],\"resource\":[\"*\"]},"
                + "{\"effect\":\"deny\",\"action\":[\"cos:DeleteObject\"],\"resource\":[\"" + PREFIX + "secret/*\"]}");
        assertThat(decide(p, "cos:DeleteObject", "other/a.txt").allowed()).isTrue();
        Decision denied = decide(p, "cos:DeleteObject", "secret/a.txt");
        assertThat(denied.allowed()).isFalse();
        assertThat(denied.reason()).isEqualTo(Reason.EXPLICIT_DENY);
        assertThat(denied.statements()).containsExactly(new StatementRef(PolicySource.USER, "session", 1, Effect.DENY));
    }

    @Test
    void onlyUserPoliciesAreSessionPolicies() throws Exception {
        PolicyDocument bucket = PolicyParser.parse("b.json", "b", PolicyKind.BUCKET,
                "{\"version\":\"2.0\",\"statement\":[{\"principal\":{\"qcs\":[\"qcs::cam::anyone:anyone\"]},"
                        + "\"effect\":\"allow\",\"action\":[\"cos:GetObject\"],\"resource\":[\"*\"]}]}");
        assertThatThrownBy(() -> new SessionPolicy(bucket)).isInstanceOf(IllegalArgumentException.class);
    }
}
