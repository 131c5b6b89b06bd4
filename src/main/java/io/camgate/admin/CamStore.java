package io.camgate.admin;

import io.camgate.authz.Decision;
import io.camgate.authz.Need;
import io.camgate.authz.Snapshot;
import io.camgate.authz.index.Published;
import io.camgate.config.ConfigEdit;
import io.camgate.config.ConfigLoader;
import io.camgate.config.ConfigReloader;
import io.camgate.config.ReloadOutcome;
import io.camgate.policy.ConditionContext;
import io.camgate.policy.PolicyException;
import io.camgate.policy.PolicyProblem;
import io.camgate.policy.ResourceName;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every CAM action goes through: the caller's authorization on {@code name/cam:<Action>},
 * reads of the configuration directory as it is now, and the one way to change it. A change is
 * applied to a {@link ConfigEdit}, validated as a whole reload would validate it, committed file
 * by file atomically and published; a refused change leaves every file as it was.
 */
final class CamStore {
    private static final Logger LOG = LoggerFactory.getLogger(CamStore.class);

    /** A change to a {@link ConfigEdit}. */
    @FunctionalInterface
    interface Change {
        void apply(ConfigEdit edit) throws CamException, IOException;
    }

    private final ConfigReloader reloader;
    private final ConfigLoader loader;

    CamStore(ConfigReloader reloader, ConfigLoader loader) {
        this.reloader = reloader;
        this.loader = loader;
    }

    /** The snapshot in force. */
    Snapshot snapshot() {
        return reloader.current().snapshot();
    }

    /**
     * Refuses the call unless the caller may do its action on every one of {@code resources}
     * (tails such as {@code policyid/7}, {@code uin/100000000011}, {@code groupid/*}), and a
     * temporary key's session policy lets it through too.
     */
    void authorize(CamCall c, String... resources) throws CamException {
        List<Need> needs = new ArrayList<>(resources.length);
        for (String r : resources) {
            needs.add(new Need("name/cam:" + c.action(), ResourceName.parse(c.resource(r))));
        }
        Published now = reloader.current();
        Decision d = now.engine().decideAll(c.caller(), needs, ConditionContext.EMPTY);
        if (d.allowed() && c.session().isPresent()) {
            d = c.session().get().narrow(now.snapshot().directory(), c.caller(), needs, ConditionContext.EMPTY, d);
        }
        if (!d.allowed()) {
            throw new CamException(CamError.AUTH_UNAUTHORIZED_OPERATION, "not allowed to " + c.action() + " on "
                    + String.join(", ", resources) + " (" + d.reason().label() + ")");
        }
    }

    /** The directory's files as they are now, for reading. */
    ConfigEdit read() throws CamException {
        try {
            return ConfigEdit.of(reloader.directory());
        } catch (IOException e) {
            LOG.error("CAM read failed", e);
            throw new CamException(CamError.SYSTEM_ERROR, "cannot read the configuration directory");
        }
    }

    /** The caller's account in {@code accounts.yaml} as it is now, for reading. */
    AccountsTree tree(CamCall c) throws CamException {
        return AccountsTree.of(read().accounts(), c.owner());
    }

    /**
     * Applies {@code change} to the directory: validated as a reload would, committed, published.
     *
     * @param invalid the error when the changed directory does not validate
     */
    void write(Change change, CamError invalid) throws CamException {
        try {
            ConfigEdit edit = ConfigEdit.of(reloader.directory());
            change.apply(edit);
            edit.validate(loader, reloader.holder().generation() + 1);
            edit.commit();
        } catch (PolicyException e) {
            // files named relative to the directory: the caller has no business with the server's paths
            String root = reloader.directory().toString() + File.separator;
            StringBuilder why = new StringBuilder();
            for (PolicyProblem p : e.problems()) {
                String file = p.file().startsWith(root) ? p.file().substring(root.length()) : p.file();
                why.append(why.length() == 0 ? "" : "; ").append(new PolicyProblem(file, p.pointer(), p.reason()));
            }
            throw new CamException(invalid, why.toString());
        } catch (IOException e) {
            LOG.error("CAM write failed", e);
            throw new CamException(CamError.SYSTEM_ERROR, "cannot write the configuration directory");
        }
        ReloadOutcome outcome = reloader.reload();
        if (!outcome.published()) {
            // validated a moment ago: only a concurrent hand edit can get here
            throw new CamException(CamError.FAILED_OPERATION, "written, but the directory no longer loads: "
                    + outcome.problems());
        }
    }
}
