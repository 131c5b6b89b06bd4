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
import java.util.UUID;
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
    /** etcd's default limit of operations in one transaction ({@code --max-txn-ops}). */
    static final int MAX_OPS = 128;

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
     * Writes {@code changes} (relative path to content, or to null for a deletion). A change too
     * large for one transaction (etcd allows {@value #MAX_OPS} operations in one) is written in
     * several: the first sets {@code meta/import}, conditioned on the read as a single one is,
     * the others are each conditioned on that marker being this writer's, and the last removes
     * it. Replicas publish nothing while the marker is there, so none ever serves half of it; a
     * write interrupted half-way leaves the marker, and the next import (which writes what still
     * differs, and removes the marker however small it is) completes it.
     *
     * @param readSeq the mod revision of {@code meta/seq} the change was made against (0: none yet)
     * @return the revision the (last) transaction committed at
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
        Cmp unchanged = new Cmp(keys.seq(), Cmp.Op.EQUAL, CmpTarget.modRevision(readSeq));
        Op nextSeq = Op.put(keys.seq(), ByteSequence.from(Long.toString(readSeq + 1), StandardCharsets.UTF_8),
                PutOption.DEFAULT);
        Op importDone = Op.delete(keys.importMarker(), DeleteOption.DEFAULT);
        if (ops.size() <= MAX_OPS - 2) {
            // ends an import an earlier run left half-way: no other write can commit meanwhile (replicas
            // hold the state before it, so a write made against it finds meta/seq moved)
            ops.add(importDone);
            ops.add(nextSeq);
            return txn(unchanged, ops, timeout);
        }
        ByteSequence mine = ByteSequence.from(UUID.randomUUID().toString(), StandardCharsets.UTF_8);
        txn(unchanged, List.of(Op.put(keys.importMarker(), mine, PutOption.DEFAULT), nextSeq), timeout);
        Cmp ours = new Cmp(keys.importMarker(), Cmp.Op.EQUAL, CmpTarget.value(mine));
        int chunk = MAX_OPS - 2;
        for (int from = 0; ; from += chunk) {
            int to = Math.min(ops.size(), from + chunk);
            List<Op> part = new ArrayList<>(ops.subList(from, to));
            if (to == ops.size()) {
                part.add(importDone);
                part.add(nextSeq);
            }
            try {
                long revision = txn(ours, part, timeout);
                if (to == ops.size()) {
                    return revision;
                }
            } catch (StoreWriteException e) {
                throw new StoreWriteException(e.getMessage() + ", after " + from + " of " + ops.size()
                        + " changes: replicas keep their last snapshot until an import completes", false);
            }
        }
    }

    private long txn(Cmp condition, List<Op> ops, Duration timeout) throws StoreWriteException {
        try {
            TxnResponse r = client.getKVClient().txn().If(condition).Then(ops.toArray(new Op[0])).commit()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
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
