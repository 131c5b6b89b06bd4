package io.camgate.bench;

import org.casbin.jcasbin.main.Enforcer;
import org.casbin.jcasbin.model.Model;

/**
 * jCasbin with a model that says what the CAM rules say without conditions: a matching deny
 * wins, else a matching allow allows; resources and actions are {@code keyMatch} globs (a
 * {@code *} matches any rest), and statements for everyone apply to every subject.
 */
final class CasbinEngineAdapter implements DecisionEngine {
    private static final String MODEL = """
            [request_definition]
            r = sub, obj, act

            [policy_definition]
            p = sub, obj, act, eft

            [policy_effect]
            e = some(where (p.eft == allow)) && !some(where (p.eft == deny))

            [matchers]
            m = (r.sub == p.sub || p.sub == "anyone") && keyMatch(r.obj, p.obj) && keyMatch(r.act, p.act)
            """;

    private final Enforcer enforcer;

    CasbinEngineAdapter(PolicyWorkload workload) {
        Model model = new Model();
        model.loadModelFromText(MODEL);
        enforcer = new Enforcer(model);
        enforcer.enableLog(false);
        enforcer.addPolicies(workload.casbinPolicies);
    }

    @Override
    public boolean allowed(PolicyWorkload.Request request) {
        return enforcer.enforce(request.subject(), request.need().resource().text(), request.need().action());
    }
}
