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
import io.camgate.store.StoreMode;
import io.camgate.store.StoreWriteException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every CAM action goes through: the caller's authorization on {@code name/cam:<Action>},
 * reads of the configuration directory as it is now, and the one way to change it. A change is
 * applied to a {@link ConfigEdit}, validated as a whole reload would validate it, committed file
 * by file atomically and published; a refused change leaves every file as it was. In store mode
 * the change is made against the mirror's files as of one store revision, validated the same
 * way, and committed in one etcd transaction conditioned on that revision; a write that lost a
 * race is made again on a fresh read (up to {@value #ATTEMPTS} times), and the answer waits
 * until this replica's own snapshot has the change. Calls run on the admin worker, never on an
 * event loop.
 */
final class CamStore {
    private static final Logger LOG = LoggerFactory.getLogger(CamStore.class);

    /** A change to a {@link ConfigEdit}. */
    @FunctionalInterface
    interface Change {
        void apply(ConfigEdit edit) throws CamException, IOException;
    }

    /** How many times a store write is made before a conflict is answered. */
    static final int ATTEMPTS = 3;

    private final ConfigReloader reloader;
    private final ConfigLoader loader;
    private final Optional<StoreMode> shared;

    CamStore(ConfigReloader reloader, ConfigLoader loader, Optional<StoreMode> shared) {
        this.reloader = reloader;
        this.loader = loader;
        this.shared = shared;
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
        if (shared.isPresent()) {
            writeToStore(shared.get(), change, invalid);
            return;
        }
        try {
            ConfigEdit edit = ConfigEdit.of(reloader.directory());
            change.apply(edit);
            edit.validate(loader, reloader.holder().generation() + 1);
            edit.commit();
        } catch (PolicyException e) {
            throw invalid(invalid, e, reloader.directory());
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

    private void writeToStore(StoreMode store, Change change, CamError invalid) throws CamException {
        Duration timeout = store.settings().writeTimeout();
        if (!store.mirror().connected()) {
            throw new CamException(CamError.STORE_UNAVAILABLE, "the shared store does not answer; try again later");
        }
        for (int attempt = 1; ; attempt++) {
            Path scratch = null;
            try {
                scratch = Files.createTempDirectory("camgate-cam-");
                long read = store.mirror().checkout(scratch);
                ConfigEdit edit = ConfigEdit.of(scratch);
                change.apply(edit);
                edit.validate(loader, reloader.holder().generation() + 1);
                long committed = store.writer().commit(edit.changedFiles(), read, timeout);
                if (!store.mirror().awaitPublished(committed, timeout)) {
                    throw new CamException(CamError.SYSTEM_ERROR, "committed at store revision " + committed
                            + ", but this replica has not published it yet");
                }
                return;
            } catch (StoreWriteException e) {
                if (!e.conflict()) {
                    throw new CamException(CamError.STORE_UNAVAILABLE, e.getMessage());
                }
                if (attempt == ATTEMPTS) {
                    throw new CamException(CamError.FAILED_OPERATION, e.getMessage() + "; gave up after " + ATTEMPTS
                            + " attempts, try again");
                }
            } catch (PolicyException e) {
                throw invalid(invalid, e, scratch);
            } catch (IOException e) {
                LOG.error("CAM write failed", e);
                throw new CamException(CamError.SYSTEM_ERROR, "cannot prepare the change");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CamException(CamError.SYSTEM_ERROR, "interrupted");
            } finally {
                removeScratch(scratch);
            }
        }
    }

    /** The refusal for a change that does not validate, its files named relative to {@code dir}. */
    private static CamException invalid(CamError invalid, PolicyException e, Path dir) {
        // the caller has no business with the server's paths
        String root = dir.toString() + File.separator;
        StringBuilder why = new StringBuilder();
        for (PolicyProblem p : e.problems()) {
            String file = p.file().startsWith(root) ? p.file().substring(root.length()) : p.file();
            why.append(why.length() == 0 ? "" : "; ").append(new PolicyProblem(file, p.pointer(), p.reason()));
        }
        return new CamException(invalid, why.toString());
    }

    private static void removeScratch(Path scratch) {
        if (scratch == null) {
            return;
        }
        try {
            ConfigEdit.deleteTree(scratch);
        } catch (IOException e) {
            LOG.warn("cannot remove the scratch copy {}: {}", scratch, e.toString());
        }
    }
}
