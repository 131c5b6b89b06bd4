package io.camgate.bench;

import io.camgate.identity.AccessKey;
import io.camgate.identity.Directory;
import io.camgate.identity.KeyStatus;
import io.camgate.identity.RootAccount;
import java.util.List;
import java.util.Map;

/** The one root account with one active key that the signature benchmarks verify against. */
final class SigningAccount {
    static final String UIN = "100000000001";
    static final String ACCESS_KEY = "AKIDbenchmark0000000000000000000001";
    static final String SECRET_KEY = "benchmarkSecretKey00000000000001";

    private SigningAccount() {
    }

    /** A directory holding only that account. */
    static Directory directory() {
        return new Directory(List.of(new RootAccount(UIN, "1250000000",
                List.of(new AccessKey(ACCESS_KEY, SECRET_KEY, KeyStatus.ACTIVE, UIN)), List.of(), List.of(),
                List.of())), Map.of());
    }
}
