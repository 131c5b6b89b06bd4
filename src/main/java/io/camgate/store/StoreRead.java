package io.camgate.store;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.GetOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Every file key of the store, read in pages of {@value #PAGE} keys at one pinned revision (one
 * unpaged read of a large store exceeds gRPC's 4 MiB message limit).
 *
 * @param files    relative path to content as stored (secrets sealed)
 * @param pinned   the revision the pages were read at; a watch continues from the next one
 * @param revision the revision of the last change under the prefix
 * @param seq      the mod revision of {@code meta/seq}, which writes are conditioned on (0: none)
 * @param importing whether an import in several transactions was under way at that revision
 */
record StoreRead(Map<String, byte[]> files, long pinned, long revision, long seq, boolean importing) {
    static final int PAGE = 500;

    static StoreRead of(Client client, StoreKeys keys, Duration timeout) throws Exception {
        TreeMap<String, byte[]> read = new TreeMap<>();
        long pinned = 0;
        long newest = 0;
        ByteSequence from = keys.files();
        while (true) {
            GetOption.Builder o = GetOption.builder().withRange(keys.filesEnd()).withLimit(PAGE)
                    .withSortField(GetOption.SortTarget.KEY).withSortOrder(GetOption.SortOrder.ASCEND);
            if (pinned > 0) {
                o.withRevision(pinned);
            }
            GetResponse page = client.getKVClient().get(from, o.build()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (pinned == 0) {
                pinned = page.getHeader().getRevision();
            }
            for (KeyValue kv : page.getKvs()) {
                read.put(keys.relative(kv.getKey()), kv.getValue().getBytes());
                newest = Math.max(newest, kv.getModRevision());
            }
            if (!page.isMore() || page.getKvs().isEmpty()) {
                break;
            }
            byte[] last = page.getKvs().get(page.getKvs().size() - 1).getKey().getBytes();
            from = ByteSequence.from(Arrays.copyOf(last, last.length + 1));
        }
        GetResponse seq = client.getKVClient().get(keys.seq(), GetOption.builder().withRevision(pinned).build())
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        long seqRev = seq.getKvs().isEmpty() ? 0 : seq.getKvs().get(0).getModRevision();
        GetResponse marker = client.getKVClient().get(keys.importMarker(), GetOption.builder().withRevision(pinned)
                .withCountOnly(true).build()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return new StoreRead(read, pinned, Math.max(newest, seqRev), seqRev, marker.getCount() > 0);
    }
}
