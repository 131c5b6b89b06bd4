package io.camgate.store;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.PutOption;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Commits a change to the store in one etcd transaction, conditioned on the revision it was
 * made against: {@code If(mod_revision(meta/seq) == read) Then(puts and deletes, put meta/seq)}.
 * Every write rewrites {@code meta/seq}, so two writers that read the same state cannot both
 * commit: the second finds the sequence moved and is refused with a conflict, and nothing of it
 * is applied. Secret files are sealed before they leave. Called off the event loops (the admin
 * worker, the command line); it waits for etcd at most the given timeout.
 */
public final class StoreWriter {
    private final Client client;
    private final StoreKeys keys;
    private final Optional<SecretSeal> seal;

    /** A writer through {@code client} under {@code keys}, sealing secret files with {@code seal}. */
    public StoreWriter(Client client, StoreKeys keys, Optional<SecretSeal> seal) {
        this.client = client;
        this.keys = keys;
        this.seal = seal;
    }

    /**
     * Writes {@code changes} (relative path to content, or to null for a deletion).
     *
     * @param readSeq the mod revision of {@code meta/seq} the change was made against (0: none yet)
     * @return the revision the transaction committed at
     * @throws StoreWriteException on a conflict, or when etcd does not answer within {@code timeout}
     */
    public long commit(Map<String, byte[]> changes, long readSeq, Duration timeout) throws StoreWriteException {
        List<Op> ops = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : changes.entrySet()) {
            ByteSequence key = keys.file(e.getKey());
            if (e.getValue() == null) {
                ops.add(Op.delete(key, DeleteOption.DEFAULT));
            } else {
                ops.add(Op.put(key, ByteSequence.from(stored(e.getKey(), e.getValue())), PutOption.DEFAULT));
            }
        }
        ops.add(Op.put(keys.seq(), ByteSequence.from(Long.toString(readSeq + 1), StandardCharsets.UTF_8),
                PutOption.DEFAULT));
        try {
            TxnResponse r = client.getKVClient().txn()
                    .If(new Cmp(keys.seq(), Cmp.Op.EQUAL, CmpTarget.modRevision(readSeq)))
                    .Then(ops.toArray(new Op[0])).commit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!r.isSucceeded()) {
                throw new StoreWriteException("the store changed since it was read (another write came first)", true);
            }
            return r.getHeader().getRevision();
        } catch (TimeoutException e) {
            throw new StoreWriteException("the store did not answer within " + timeout.toMillis() + " ms", false);
        } catch (ExecutionException e) {
            throw new StoreWriteException("the store refused the write: " + e.getCause().getClass().getSimpleName(),
                    false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreWriteException("interrupted while writing to the store", false);
        }
    }

    private byte[] stored(String relative, byte[] content) throws StoreWriteException {
        if (!relative.startsWith(StoreKeys.SECRETS)) {
            return content;
        }
        if (seal.isEmpty()) {
            throw new StoreWriteException(relative + " is a secret file and the store has no sealKeyFile to encrypt it",
                    false);
        }
        return seal.get().seal(relative, content);
    }
}
