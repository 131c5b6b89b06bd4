package io.camgate.cli;

import io.camgate.authz.DecisionProcedure;
import io.camgate.authz.Matches;
import io.camgate.authz.Need;
import io.camgate.authz.ReferenceEvaluator;
import io.camgate.authz.Snapshot;
import io.camgate.authz.StatementRef;
import io.camgate.authz.StatementRole;
import io.camgate.authz.StatementSource;
import io.camgate.identity.Bucket;
import io.camgate.identity.Principal;
import io.camgate.identity.RootAccount;
import io.camgate.policy.ConditionContext;
import io.camgate.policy.Effect;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every statement that matched a test's request, whether it decided or not (an allow that a
 * deny overrode matched too), for the coverage of {@code camgate test}. The decision procedure
 * runs over the reference scan, as it does for {@code explain --engine reference}, and this
 * source notes what the scan reports on its way; the test's verdict still comes from the
 * engine {@code explain} uses by default. A root owner's request matches nothing: it is
 * allowed before any statement is looked at.
 */
final class MatchedStatements implements StatementSource {
    private static final int EVERY_ROLE = everyRole();

    private final ReferenceEvaluator reference;
    private final DecisionProcedure procedure;
    private Set<StatementRef> noted;

    MatchedStatements(Snapshot snapshot) {
        this.reference = new ReferenceEvaluator(snapshot);
        this.procedure = new DecisionProcedure(snapshot.directory());
    }

    /** The statements that matched any need of {@code test}'s request. */
    Set<StatementRef> of(PolicyTest test) {
        noted = new TreeSet<>();
        for (Need need : test.needs()) {
            procedure.decide(test.principal(), need, test.context(), this, new Matches());
        }
        return noted;
    }

    @Override
    public RootAccount subUser(Principal.SubUser caller, Bucket bucket, Need need, ConditionContext context,
            Matches into) {
        RootAccount home = reference.subUser(caller, bucket, need, context, into);
        note(into);
        return home;
    }

    @Override
    public void root(Principal.Root caller, Bucket bucket, Need need, ConditionContext context, Matches into) {
        reference.root(caller, bucket, need, context, into);
        note(into);
    }

    @Override
    public void anyone(Bucket bucket, Need need, ConditionContext context, Matches into) {
        reference.anyone(bucket, need, context, into);
        note(into);
    }

    private void note(Matches into) {
        for (Effect e : Effect.values()) {
            if (into.any(e, EVERY_ROLE)) {
                noted.addAll(into.decide(e, EVERY_ROLE).statements());
            }
        }
    }

    private static int everyRole() {
        int mask = 0;
        for (StatementRole r : StatementRole.values()) {
            mask |= r.bit();
        }
        return mask;
    }
}
