package io.camgate.limits;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The shared buckets in Redis, reached with Lettuce on threads of its own (never a gateway event
 * loop's): one Lua script that refills a bucket by elapsed time and grants up to the tokens asked
 * for, atomically, and one that keeps the register of live replicas. A bucket is a hash
 * {@code {tokens, at}} under {@code camgate:rl:{subject}:kind}; the hash tag keeps it on one
 * cluster slot. Time is Redis's own ({@code TIME}) unless the caller gives one, which tests do
 * to drive every replica from one clock.
 */
final class RedisLeases implements AutoCloseable {
    /** The register of replicas: a sorted set of replica ids by the time they last checked in. */
    static final String REPLICAS = "camgate:rl:replicas";

    /* Sets now, in microseconds: ARGV[1], or Redis's clock when it is ''. */
    private static final String NOW = """
            local now
            if ARGV[1] == '' then
              local t = redis.call('TIME')
              now = tonumber(t[1]) * 1000000 + tonumber(t[2])
            else
              now = tonumber(ARGV[1])
            end
            """;

    /*
     * KEYS[1] the bucket. ARGV: now (see NOW), rate per second, capacity, tokens wanted, debt
     * (positive: tokens admitted without a lease, paid back but never below zero; negative:
     * unused tokens handed back). Returns {granted, microseconds until the rest of what was
     * wanted is there}. Numbers go back to Redis through string.format, since Lua's own
     * conversion keeps only 14 digits.
     */
    private static final String LEASE = NOW + """
            local rate, cap = tonumber(ARGV[2]), tonumber(ARGV[3])
            local want, debt = tonumber(ARGV[4]), tonumber(ARGV[5])
            local h = redis.call('HMGET', KEYS[1], 'tokens', 'at')
            local tokens, at = tonumber(h[1]), tonumber(h[2])
            if tokens == nil or at == nil then
              tokens, at = cap, now
            end
            if now > at then
              tokens = math.min(cap, tokens + (now - at) * rate / 1000000)
              at = now
            end
            if debt > 0 then
              tokens = math.max(math.min(tokens, 0), tokens - debt)
            elseif debt < 0 then
              tokens = math.min(cap, tokens - debt)
            end
            local grant = 0
            if want > 0 and tokens >= 1 then
              grant = math.min(want, math.floor(tokens))
            end
            tokens = tokens - grant
            redis.call('HSET', KEYS[1], 'tokens', string.format('%.6f', tokens), 'at', string.format('%.0f', at))
            redis.call('PEXPIRE', KEYS[1], 60000)
            local wait = 0
            if grant < want then
              wait = math.ceil((want - grant - tokens) * 1000000 / rate)
            end
            return {grant, wait}
            """;

    /* KEYS[1] the register. ARGV: now (see NOW), replica id, time to live. Returns N. */
    private static final String REGISTER = NOW + """
            redis.call('ZADD', KEYS[1], string.format('%.0f', now), ARGV[2])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', string.format('%.0f', now - tonumber(ARGV[3])))
            redis.call('PEXPIRE', KEYS[1], 60000)
            return redis.call('ZCARD', KEYS[1])
            """;

    private static final Duration CONNECT = Duration.ofSeconds(5);

    private final ClientResources resources;
    private final RedisClient client;
    private volatile StatefulRedisConnection<String, String> connection;

    private RedisLeases(ClientResources resources, RedisClient client) {
        this.resources = resources;
        this.client = client;
    }

    /**
     * A client of the Redis of {@code settings}, with two I/O and two computation threads
     * (Lettuce's least); it connects on {@link #connect()}.
     */
    static RedisLeases open(SharedLimitSettings settings) {
        // the URI's timeout bounds connecting and the handshake; each command has the settings' timeout
        RedisURI.Builder uri = RedisURI.builder(RedisURI.create(settings.uri())).withTimeout(CONNECT);
        if (settings.password() != null) {
            uri.withPassword(settings.password().toCharArray());
        }
        ClientResources resources = DefaultClientResources.builder().ioThreadPoolSize(2)
                .computationThreadPoolSize(2).build();
        RedisClient client = RedisClient.create(resources, uri.build());
        ClientOptions.Builder options = ClientOptions.builder()
                .timeoutOptions(TimeoutOptions.enabled(settings.timeout()))
                // a command sent while disconnected fails at once, so the replica falls back
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
        if (settings.caFile() != null) {
            options.sslOptions(SslOptions.builder().jdkSslProvider().trustManager(settings.caFile().toFile()).build());
        }
        client.setOptions(options.build());
        return new RedisLeases(resources, client);
    }

    /**
     * Connects, unless connected already; once connected, Lettuce reconnects by itself. Blocks
     * up to 5 s: call it off the event loops.
     *
     * @throws RedisException when Redis cannot be reached
     */
    void connect() {
        if (connection == null) {
            connection = client.connect();
        }
    }

    /** Whether {@link #connect()} has succeeded. */
    boolean connected() {
        return connection != null;
    }

    /** {@code command} on the connection, or a failure when there is none yet. */
    private <T> CompletableFuture<T> call(Function<RedisAsyncCommands<String, String>, RedisFuture<T>> command) {
        StatefulRedisConnection<String, String> c = connection;
        if (c == null) {
            return CompletableFuture.failedFuture(new RedisConnectionException("not connected to Redis yet"));
        }
        return command.apply(c.async()).toCompletableFuture();
    }

    /** The bucket's key for {@code subject} and {@code kind}. */
    static String key(String subject, Limiter.Kind kind) {
        return "camgate:rl:{" + subject + "}:" + (kind == Limiter.Kind.REQUESTS ? "r" : "b");
    }

    /**
     * Runs the lease script: refills the bucket at {@code key}, applies {@code debt}, and grants
     * up to {@code want} tokens.
     *
     * @param nowMicros the shared clock's time, or null for Redis's clock
     * @return {granted, microseconds until the rest is there}
     */
    CompletableFuture<long[]> lease(String key, long rate, long want, long debt, Long nowMicros) {
        return this.<List<Long>>call(r -> r.eval(LEASE, ScriptOutputType.MULTI, new String[] {key}, time(nowMicros),
                Long.toString(rate), Long.toString(rate), Long.toString(want), Long.toString(debt)))
                .thenApply(r -> new long[] {r.get(0), r.get(1)});
    }

    /** Registers replica {@code id} as live; completes with how many replicas checked in within {@code ttlMicros}. */
    CompletableFuture<Long> register(String id, Long nowMicros, long ttlMicros) {
        return call(r -> r.eval(REGISTER, ScriptOutputType.INTEGER, new String[] {REPLICAS}, time(nowMicros), id,
                Long.toString(ttlMicros)));
    }

    /** Takes replica {@code id} off the register, so that the others count one fewer at once. */
    CompletableFuture<Long> deregister(String id) {
        return call(r -> r.zrem(REPLICAS, id));
    }

    private static String time(Long nowMicros) {
        return nowMicros == null ? "" : Long.toString(nowMicros);
    }

    @Override
    public void close() {
        StatefulRedisConnection<String, String> c = connection;
        if (c != null) {
            c.close();
        }
        client.shutdown();
        resources.shutdown(0, 0, TimeUnit.SECONDS);
    }
}
