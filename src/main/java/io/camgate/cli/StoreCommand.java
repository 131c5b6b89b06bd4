package io.camgate.cli;

import io.camgate.authz.Snapshot;
import io.camgate.config.ConfigEdit;
import io.camgate.config.StoreSection;
import io.camgate.config.StoreSettings;
import io.camgate.policy.PolicyException;
import io.camgate.store.EtcdConnection;
import io.camgate.store.SecretSeal;
import io.camgate.store.StoreKeys;
import io.camgate.store.StoreTransfer;
import io.camgate.store.StoreWriteException;
import io.etcd.jetcd.Client;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code camgate store import|export|check}: moves a configuration directory into the shared
 * store and back, and checks what the store holds. {@code --store DIR} names a directory whose
 * camgate.yaml has the {@code store:} section the replicas use (endpoints, TLS, auth, prefix,
 * seal key).
 */
@Command(name = "store", mixinStandardHelpOptions = true,
        description = "Move a configuration directory into the shared store (etcd) and back.",
        subcommands = {StoreCommand.Import.class, StoreCommand.Export.class, StoreCommand.Check.class})
final class StoreCommand {
    /** The {@code --store DIR} option and the connection it makes. */
    static final class StoreOption {
        @Option(names = "--store", required = true, paramLabel = "DIR",
                description = "Directory whose camgate.yaml has the store: section.")
        Path dir;

        /** What a subcommand does with the store. */
        @FunctionalInterface
        interface Use {
            int with(StoreSettings settings, StoreTransfer transfer) throws Exception;
        }

        /** Connects as the store section says and runs {@code use}; 1 with the problems when the section is wrong. */
        int run(PrintWriter err, Use use) throws Exception {
            StoreSettings s = settings(err);
            if (s == null) {
                return 1;
            }
            Optional<SecretSeal> seal = s.sealKey().isPresent() ? Optional.of(SecretSeal.fromFile(s.sealKey().get()))
                    : Optional.empty();
            try (Client client = EtcdConnection.connect(s)) {
                return use.with(s, new StoreTransfer(client, new StoreKeys(s.prefix()), seal,
                        s.writeTimeout().multipliedBy(5)));
            }
        }

        /** The store section, or null with every problem printed. */
        StoreSettings settings(PrintWriter err) {
            try {
                Optional<StoreSettings> s = StoreSection.read(dir, System::getenv);
                if (s.isEmpty()) {
                    err.println(dir.resolve("camgate.yaml") + " has no store: section");
                    return null;
                }
                return s.get();
            } catch (PolicyException e) {
                ConfigOption.report(e, dir, err);
                return null;
            }
        }
    }

    /** {@code camgate store import}. */
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Validate a directory and make the store hold exactly its files: one transaction, or chunks "
                    + "published only once the last is in.")
    static final class Import implements Callable<Integer> {
        @Mixin
        ConfigOption config;
        @Mixin
        StoreOption store;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter err = spec.commandLine().getErr();
            if (ConfigOption.load(config.dir, err) == null) {
                return 1;
            }
            return store.run(err, (s, transfer) -> {
                try {
                    StoreTransfer.Imported done = transfer.importDirectory(config.dir);
                    spec.commandLine().getOut().printf("%s → %s%s: %d written, %d deleted, revision etcd:%d%n",
                            config.dir, s.endpoints().get(0), s.prefix(), done.written(), done.deleted(),
                            done.revision());
                    return 0;
                } catch (StoreWriteException e) {
                    err.println("not imported: " + e.getMessage());
                    return 1;
                }
            });
        }
    }

    /** {@code camgate store export}. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write what the store holds into a directory (backup, review, check).")
    static final class Export implements Callable<Integer> {
        @Mixin
        StoreOption store;
        @Option(names = "--to", required = true, paramLabel = "DIR", description = "Where to write the files.")
        Path to;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            return store.run(spec.commandLine().getErr(), (s, transfer) -> {
                long revision = transfer.exportTo(to);
                spec.commandLine().getOut().printf("%s%s → %s: revision etcd:%d%n", s.endpoints().get(0), s.prefix(),
                        to, revision);
                return 0;
            });
        }
    }

    /** {@code camgate store check}. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Validate what the store holds, as a replica would before publishing it.")
    static final class Check implements Callable<Integer> {
        @Mixin
        StoreOption store;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Path scratch = Files.createTempDirectory("camgate-store-check-");
            try {
                return store.run(spec.commandLine().getErr(), (s, transfer) -> {
                    long revision = transfer.exportTo(scratch);
                    Snapshot snapshot = ConfigOption.load(scratch, spec.commandLine().getErr());
                    if (snapshot == null) {
                        return 1;
                    }
                    spec.commandLine().getOut().printf("%s%s: OK at revision etcd:%d, %d root account(s), %d policies%n",
                            s.endpoints().get(0), s.prefix(), revision, snapshot.directory().accounts().size(),
                            snapshot.policies().customPolicies().size());
                    return 0;
                });
            } finally {
                ConfigEdit.deleteTree(scratch);
            }
        }
    }
}
