/**
 * The shared policy store: etcd holds accounts, policies and bucket policies for every replica.
 * {@link io.camgate.store.StoreMirror} keeps a replica's copy in step (paged read, watch,
 * re-read on compaction and on a jittered timer, a probe that makes a silent partition
 * visible) and feeds the reloader, which validates and publishes as in directory mode;
 * {@link io.camgate.store.StoreWriter} commits a change in one transaction conditioned on the
 * revision it was made against (one too large for a transaction in chunks behind an import
 * marker, which replicas publish only whole); {@link io.camgate.store.SecretSeal} encrypts secret files at
 * rest; {@link io.camgate.store.StoreTransfer} moves a directory in and out. Depends on config
 * and authz; admin and cli use it. The key layout is {@link io.camgate.store.StoreKeys}.
 */
package io.camgate.store;
