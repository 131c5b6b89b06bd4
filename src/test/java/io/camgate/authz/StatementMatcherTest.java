package io.camgate.authz;

import static io.camgate.authz.World.allow;
import static io.camgate.authz.World.context;
import static io.camgate.authz.World.deny;
import static io.camgate.authz.World.doc;
import static io.camgate.authz.World.object;
import static io.camgate.authz.World.userPolicy;
import static io.camgate.authz.World.when;
import static org.assertj.core.api.Assertions.assertThat;

import io.camgate.policy.ActionPattern;
import io.camgate.policy.ConditionContext;
import io.camgate.policy.PolicyVariables;
import io.camgate.policy.ResourceName;
import io.camgate.policy.Statement;
import org.junit.jupiter.api.Test;

/** One statement against one request: action, resource, then conditions failing closed. */
class StatementMatcherTest {
    static final PolicyVariables VARS = new PolicyVariables("200001", "100001", "1250000001");
    static final ResourceName CAT = ResourceName.parse(object("photos-1250000001", "cats/tom.jpg"));
    static final String IP_IN_TEN = "{\"ip_equal\":{\"qcs:ip\":\"10.0.0.0/8\"}}";

    final StatementMatcher matcher = new StatementMatcher(new World()
            .featureSet("280649", "cos:GetObject", "cos:Head*").snapshot().directory());

    static Statement only(String statement) {
        return userPolicy(doc(statement)).statements().get(0);
    }

    boolean applies(Statement s, String action, ConditionContext ctx) {
        return matcher.applies(s, ActionPattern.normalize(action), CAT, ctx, VARS);
    }

    @Test
    void actionResourceAndConditionsMustAllMatch() {
        Statement s = only(when(allow("cos:GetObject", "qcs::cos:::photos-1250000001/cats/*"), IP_IN_TEN));
        assertThat(applies(s, "cos:GetObject", context("qcs:ip", "10.0.0.1"))).isTrue();
        assertThat(applies(s, "cos:PutObject", context("qcs:ip", "10.0.0.1"))).isFalse();
        assertThat(applies(s, "cos:GetObject", context("qcs:ip", "11.0.0.1"))).isFalse();
        assertThat(matcher.applies(s, "cos:getobject", ResourceName.parse(object("photos-1250000001", "dogs/rex")),
                context("qcs:ip", "10.0.0.1"), VARS)).isFalse();
    }

    @Test
    void anUnreadableContextValueMakesADenyApplyAndAnAllowNot() {
        ConditionContext bad = context("qcs:ip", "ten.zero.zero.one");
        assertThat(applies(only(when(deny("*", "*"), IP_IN_TEN)), "cos:GetObject", bad)).isTrue();
        assertThat(applies(only(when(allow("*", "*"), IP_IN_TEN)), "cos:GetObject", bad)).isFalse();
    }

    @Test
    void anUnreadableValueDoesNotMakeADenyApplyToAnotherAction() {
        ConditionContext bad = context("qcs:ip", "ten.zero.zero.one");
        assertThat(applies(only(when(deny("cos:PutObject", "*"), IP_IN_TEN)), "cos:GetObject", bad)).isFalse();
    }

    @Test
    void featureSetsExpandThroughTheDirectory() {
        Statement s = only(allow("permid/280649", "*"));
        assertThat(matcher.actionMatches(s, "cos:getobject")).isTrue();
        assertThat(matcher.actionMatches(s, "cos:headbucket")).isTrue();
        assertThat(matcher.actionMatches(s, "cos:putobject")).isFalse();
        assertThat(matcher.actionMatches(only(allow("permid/1", "*")), "cos:getobject")).isFalse();
    }
}
