package io.camgate.cli;

import io.camgate.authz.Snapshot;
import io.camgate.config.ConfigEdit;
import io.camgate.config.ConfigLoader;
import io.camgate.config.GatewaySettings;
import io.camgate.config.GatewaySettingsLoader;
import io.camgate.config.LoadedConfig;
import io.camgate.config.RouteSettings;
import io.camgate.config.StoreSection;
import io.camgate.config.StoreSettings;
import io.camgate.identity.AccessKey;
import io.camgate.identity.Directory;
import io.camgate.identity.RootAccount;
import io.camgate.identity.SubUser;
import io.camgate.policy.PolicyException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code camgate check}: validates a configuration directory, camgate.yaml included; exit 0
 * with a summary, 1 with every problem of every file. When camgate.yaml has a {@code store:}
 * section, the accounts and policies are checked as the store holds them, as a replica would
 * read them (the same as {@code camgate store check}, with camgate.yaml's summary beside).
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Validate a configuration directory and report every problem.",
            "With a store: section in camgate.yaml, the accounts and policies are read from the store."})
final class CheckCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Optional<StoreSettings> store;
        try {
            store = StoreSection.read(config.dir, System::getenv);
        } catch (PolicyException e) {
            ConfigOption.report(e, config.dir, err);
            return 1;
        }
        if (store.isEmpty()) {
            return check(config.dir, config.dir.toString());
        }
        // camgate.yaml from the directory, everything else as the store holds it: what a replica reads
        Path scratch = Files.createTempDirectory("camgate-check-");
        try {
            StoreCommand.StoreOption from = new StoreCommand.StoreOption();
            from.dir = config.dir;
            return from.run(err, (s, transfer) -> {
                long revision = transfer.exportTo(scratch);
                return check(scratch, config.dir + " with the store " + s.endpoints().get(0) + s.prefix()
                        + " at revision etcd:" + revision);
            });
        } finally {
            ConfigEdit.deleteTree(scratch);
        }
    }

    /** Checks camgate.yaml of the directory and the snapshot in {@code snapshotDir}; prints the summary as {@code name}. */
    private int check(Path snapshotDir, String name) {
        LoadedConfig loaded;
        try {
            loaded = LoadedConfig.read(config.dir, snapshotDir, ConfigLoader.withSystemEnvironment(),
                    new GatewaySettingsLoader(System::getenv), LoadedConfig.Settings.OPTIONAL, 1);
        } catch (PolicyException e) {
            ConfigOption.report(e, config.dir, spec.commandLine().getErr());
            return 1;
        }
        Snapshot snapshot = loaded.snapshot();
        GatewaySettings settings = loaded.settings().orElse(null);
        Directory d = snapshot.directory();
        long users = d.accounts().stream().mapToLong(a -> a.users().size()).sum();
        long groups = d.accounts().stream().mapToLong(a -> a.groups().size()).sum();
        long buckets = d.accounts().stream().mapToLong(a -> a.buckets().size()).sum();
        long keys = d.accounts().stream().flatMap(CheckCommand::keys).count();
        long active = d.accounts().stream().flatMap(CheckCommand::keys).filter(AccessKey::isActive).count();
        spec.commandLine().getOut().printf(
                "%s: OK, %s, %s, %s, %s (%d active), %s, %s, %s, %s%n", name,
                count(d.accounts().size(), "root account"), count(users, "sub-user"), count(groups, "group"),
                count(keys, "access key"), active, count(snapshot.policies().customPolicies().size(), "policy"),
                count(buckets, "bucket"), count(snapshot.policies().bucketPolicies().size(), "bucket policy"),
                count(d.featureSets().size(), "feature set"));
        if (settings == null) {
            spec.commandLine().getOut().printf("no %s: nothing to serve%n", GatewaySettingsLoader.FILE);
        } else {
            spec.commandLine().getOut().printf("%s: %s on %s:%d%s%n", GatewaySettingsLoader.FILE,
                    count(settings.routes().size(), "route"), settings.listen().address(), settings.listen().port(),
                    settings.listen().tls() ? " (TLS)" : "");
            for (RouteSettings r : settings.routes()) {
                spec.commandLine().getOut().printf("  route %s: %s → %s (%s, %s%s)%n", r.name(),
                        String.join(", ", concat(r.buckets(), r.hosts())), r.upstream(),
                        r.addressing().name().toLowerCase(Locale.ROOT), r.auth().name().toLowerCase(Locale.ROOT),
                        r.authorize() ? "" : ", NOT AUTHORIZING");
            }
            settings.ingress().ifPresent(i -> spec.commandLine().getOut().printf(
                    "  ingress decisions (auth_request, ext_authz) on %s:%d%n", i.address(), i.port()));
        }
        return 0;
    }

    private static String count(long n, String noun) {
        boolean consonantY = noun.endsWith("y") && "aeiou".indexOf(noun.charAt(noun.length() - 2)) < 0;
        String plural = consonantY ? noun.substring(0, noun.length() - 1) + "ies" : noun + "s";
        return n + " " + (n == 1 ? noun : plural);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }

    private static Stream<AccessKey> keys(RootAccount a) {
        return Stream.concat(a.keys().stream(), a.users().stream().map(SubUser::keys).flatMap(List::stream));
    }
}
