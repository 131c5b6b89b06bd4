package io.camgate.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.camgate.policy.ConditionClause;
import io.camgate.policy.ConditionContext;
import io.camgate.policy.Outcome;
import io.camgate.policy.PolicyDocument;
import io.camgate.policy.PolicyKind;
import io.camgate.policy.PolicyParser;
import io.camgate.policy.PolicyVariables;
import io.camgate.policy.Statement;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConditionSamplesTest {
    private static final PolicyVariables VARS = new PolicyVariables("100000000011", "100000000001", "1250000001");

    private static Statement statement(String condition) throws Exception {
        PolicyDocument doc = PolicyParser.parse("p.json", "p", PolicyKind.USER, "{\"version\":\"2.0\",\"statement\":"
                + "{\"effect\":\"allow\",\"action\":\"cos:GetObject\",\"resource\":\"*\",\"condition\":" + condition
                + "}}", Set.of());
        return doc.statements().get(0);
    }

    @Test
    void everyOperatorGetsAHoldingAndAFailingValue() throws Exception {
        Statement st = statement("""
                {"string_equal": {"cos:x-cos-acl": "private", "qcs:owner": "${owner_uin}"},
                 "string_not_equal_ignore_case": {"cos:x-cos-storage-class": "ARCHIVE"},
                 "string_like": {"cos:prefix": "media%2F*"},
                 "string_not_like": {"cos:content-type": "image/*"},
                 "numeric_less_than_equal": {"cos:content-length": "1048576"},
                 "numeric_greater_than": {"cos:versionid": "3"},
                 "date_less_than": {"qcs:current_time": "2030-01-01T00:00:00Z"},
                 "ip_equal": {"qcs:ip": ["10.0.0.0/8", "192.168.1.0/24"]},
                 "ip_not_equal": {"qcs:source_ip": "172.16.0.0/12"},
                 "bool_equal": {"cos:secure-transport": "true"},
                 "null_equal": {"qcs:request_tag": "true"},
                 "string_equal_if_exist": {"vpc:requester_vpc": "vpc-1"},
                 "for_all_value:string_equal": {"qcs:tag": ["a", "b"]}}""");
        Random random = new Random(1);
        for (ConditionClause clause : st.conditions()) {
            for (boolean hold : List.of(true, false)) {
                List<String> v = ConditionSamples.pick(clause, VARS, random, hold);
                assertThat(v).as(clause.operatorLabel() + " " + clause.key() + " hold=" + hold).isNotNull();
                ConditionContext ctx = ConditionContext.builder().addAll(clause.key(), v).build();
                assertThat(clause.evaluate(ctx, VARS) == Outcome.TRUE).isEqualTo(hold);
            }
        }
    }

    @Test
    void contextsHoldFirstThenFailOneClauseEach() throws Exception {
        Statement st = statement("""
                {"ip_equal": {"qcs:ip": "10.0.0.0/8"}, "bool_equal": {"cos:secure-transport": "true"},
                 "numeric_greater_than": {"cos:content-length": "10"}}""");
        List<ConditionContext> contexts = ConditionSamples.contexts(st, VARS, new java.util.LinkedHashMap<>(),
                new Random(2));
        assertThat(contexts).hasSize(4);
        assertThat(st.conditionsHold(contexts.get(0), VARS)).isEqualTo(Outcome.TRUE);
        for (int i = 1; i < contexts.size(); i++) {
            ConditionContext ctx = contexts.get(i);
            assertThat(st.conditionsHold(ctx, VARS)).isNotEqualTo(Outcome.TRUE);
            long failing = st.conditions().stream().filter(c -> c.evaluate(ctx, VARS) != Outcome.TRUE).count();
            assertThat(failing).isEqualTo(1);
        }
    }
}
