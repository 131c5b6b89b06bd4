package io.camgate.cos;

import io.camgate.authz.Need;
import io.camgate.policy.ConditionContext;
import io.camgate.sign.AuthenticationException;
import io.camgate.sign.AwsSignedRequest;
import io.camgate.sign.SignatureScheme;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One request as the gateway understands it, parsed once from the wire and never changed:
 * where it is addressed ({@link #endpoint()}, {@link #key()}), the API it calls
 * ({@link #operation()}), what it needs to be allowed ({@link #needs()}) and the condition
 * context to decide with ({@link #conditions()}). Only {@link RequestClassifier} makes one.
 *
 * <p>The signature verifier reads {@link #method()}, {@link #path()} (the decoded path), the
 * parameters and {@link #headerValues(String)}: exactly the accessors of
 * {@link io.camgate.sign.SignedRequest}; AWS signatures also read {@link #rawPath()} and the
 * header names ({@link AwsSignedRequest}), which this class implements. The forwarder sends
 * {@link #wireTarget()}, which is rebuilt from the decoded path so that the key upstream is
 * exactly the key that was authorized.
 *
 * <p>Two APIs carry what they act on in the body: Delete Multiple Objects and POST Object.
 * Until the body has been read their {@link #needs()} are empty, which every engine denies,
 * and {@link #awaitsBody()} is true; {@link #withDeletedObjects} and {@link #withForm}
 * give the request with its needs.
 */
public final class CosRequest implements AwsSignedRequest {
    /** What an anonymous Delete Multiple Objects also needs on the bucket (436/8289). */
    static final String DELETE_MULTIPLE_OBJECTS = "cos:DeleteMultipleObjects";

    private final String method;
    private final Endpoint endpoint;
    private final String key;
    private final String rawPath;
    private final String decodedPath;
    /** The request-target as received, and where its query starts (after the {@code ?}), or -1. */
    private final String target;
    private final int queryStart;
    private final List<QueryParam> params;
    private final RequestHeaders headers;
    private final Transport transport;
    private final ClientAddress client;
    private final Instant receivedAt;
    private final String currentTime;
    private final Operation operation;
    private final CopySource copySource;
    private final List<Need> needs;
    /**
     * Built on first use: an immutable value computed from final fields, so a racing second
     * build yields an equal context and publishing it without a lock is safe.
     */
    private ConditionContext conditions;

    CosRequest(String method, Endpoint endpoint, String key, String rawPath, String decodedPath, String target,
            int queryStart, List<QueryParam> params, RequestHeaders headers, Transport transport, ClientAddress client,
            Instant receivedAt, String currentTime, Operation operation, CopySource copySource, List<Need> needs) {
        this.method = method;
        this.endpoint = endpoint;
        this.key = key;
        this.rawPath = rawPath;
        this.decodedPath = decodedPath;
        this.target = target;
        this.queryStart = queryStart;
        this.params = params;
        this.headers = headers;
        this.transport = transport;
        this.client = client;
        this.receivedAt = receivedAt;
        this.currentTime = currentTime;
        this.operation = operation;
        this.copySource = copySource;
        this.needs = needs;
    }

    private CosRequest(CosRequest base, List<Need> needs) {
        this(base, needs, base.conditions);
    }

    private CosRequest(CosRequest base, List<Need> needs, ConditionContext conditions) {
        this.method = base.method;
        this.endpoint = base.endpoint;
        this.key = base.key;
        this.rawPath = base.rawPath;
        this.decodedPath = base.decodedPath;
        this.target = base.target;
        this.queryStart = base.queryStart;
        this.params = base.params;
        this.headers = base.headers;
        this.transport = base.transport;
        this.client = base.client;
        this.receivedAt = base.receivedAt;
        this.currentTime = base.currentTime;
        this.operation = base.operation;
        this.copySource = base.copySource;
        this.conditions = conditions;
        this.needs = needs;
    }

    /** The HTTP method, upper case. */
    @Override
    public String method() {
        return method;
    }

    /** The host form with the bucket, APPID and region it names (for path-style, from the path). */
    public Endpoint endpoint() {
        return endpoint;
    }

    /** The host form. */
    public HostKind hostKind() {
        return endpoint.kind();
    }

    /** The full bucket name, or null (GetService, account-level CI). */
    public String bucket() {
        return endpoint.bucket();
    }

    /** The bucket's APPID, or null. */
    public String appid() {
        return endpoint.appid();
    }

    /** The region, {@code ""} for cross-region hosts. */
    public String region() {
        return endpoint.region();
    }

    /**
     * The decoded object key, exactly as addressed ({@code a//b}, {@code ../x} and {@code +}
     * included); {@code ""} for a bucket-level COS request; null when the path is not a key
     * (GetService, CI-host APIs).
     */
    public String key() {
        return key;
    }

    /** The path as it came on the wire, still percent-encoded (what SigV4 signs). */
    @Override
    public String rawPath() {
        return rawPath;
    }

    /** The whole path, percent-decoded once: what a COS v5 signature covers. */
    public String decodedPath() {
        return decodedPath;
    }

    /** The query as it came on the wire without the {@code ?}, or null when there was none. */
    public String rawQuery() {
        return queryStart < 0 ? null : target.substring(queryStart);
    }

    /** The decoded query parameters in arrival order; a parameter without {@code =} has value {@code ""}. */
    public List<QueryParam> params() {
        return params;
    }

    /** The value of query parameter {@code name} (case-sensitive), or null when absent. */
    public String param(String name) {
        return QueryParser.find(params, name);
    }

    /** The request headers, looked up case-insensitively. */
    public RequestHeaders headers() {
        return headers;
    }

    // The view the signature verifier reads (io.camgate.sign.SignedRequest), over the same parse.

    /** The percent-decoded path the client signed; the same as {@link #decodedPath()}. */
    @Override
    public String path() {
        return decodedPath;
    }

    /** How many query parameters there are (a repeated name was refused while classifying). */
    @Override
    public int parameterCount() {
        return params.size();
    }

    /** The decoded name of parameter {@code index}, in request order. */
    @Override
    public String parameterName(int index) {
        return params.get(index).name();
    }

    /** The decoded value of parameter {@code index}; {@code ""} when it had no {@code =}. */
    @Override
    public String parameterValue(int index) {
        return params.get(index).value();
    }

    /** Every value of header {@code name}, compared case-insensitively, in request order. */
    @Override
    public List<String> headerValues(String name) {
        return headers.all(name);
    }

    /** How many header lines there are. */
    @Override
    public int headerCount() {
        return headers.size();
    }

    /** The name of header line {@code index}, as sent. */
    @Override
    public String headerName(int index) {
        return headers.name(index);
    }

    /** The connection facts. */
    public Transport transport() {
        return transport;
    }

    /** The client's address ({@code qcs:ip}): the peer, or what a trusted proxy forwarded. */
    public String clientIp() {
        return client.ip();
    }

    /** The requester's VPC id from a trusted proxy's configured header, or null. */
    public String vpcId() {
        return client.vpcId();
    }

    /** When the request was classified, from the classifier's clock. */
    public Instant receivedAt() {
        return receivedAt;
    }

    /** {@link #receivedAt()} as {@code qcs:current_time} carries it: ISO-8601 UTC to the second. */
    public String currentTime() {
        return currentTime;
    }

    /** The table row this request matched. */
    public Operation operation() {
        return operation;
    }

    /** The copy source of PUT Object - Copy and Upload Part - Copy, or null. */
    public CopySource copySource() {
        return copySource;
    }

    /** Every action on every resource this request needs; all must be allowed. */
    public List<Need> needs() {
        return needs;
    }

    /** The condition keys this request carries. */
    public ConditionContext conditions() {
        ConditionContext c = conditions;
        if (c == null) {
            c = ConditionKeys.of(this);
            conditions = c;
        }
        return c;
    }

    /** True until the body-borne targets of multi-delete or POST Object have been supplied. */
    public boolean awaitsBody() {
        return needs.isEmpty();
    }

    /** The path to send upstream: the decoded path encoded the one canonical way. */
    public String wirePath() {
        return PercentCodec.encodePath(decodedPath);
    }

    /** The request-target to send upstream: {@link #wirePath()} and the query as received. */
    public String wireTarget() {
        String path = wirePath();
        return queryStart < 0 ? path : path + target.substring(queryStart - 1);
    }

    /**
     * This multi-delete with DeleteObject on every object of its body ({@link MultiDeleteBody#parse}),
     * and, from an anonymous caller, DeleteMultipleObjects on the bucket.
     *
     * <p>Page 436/8289 ("授权说明") gives the two cases: an anonymous request needs both
     * {@code cos:DeleteObject} and {@code cos:DeleteMultipleObjects}; any other request is
     * checked object by object for {@code cos:DeleteObject} only. So the bucket-level need is
     * added for anonymous callers alone: requiring it of signed callers would refuse every
     * sub-user whose policy grants DeleteObject on the keys (as the API guide and reference
     * §2.3 say suffices), and the reference's "presets also list DeleteMultipleObjects" only
     * shows the action exists. Anonymous means "presents no signature" ({@link SignatureScheme#NONE}),
     * the same test the decider's dispatch applies.
     *
     * @throws IllegalStateException when this is not a multi-delete still waiting for its body
     */
    public CosRequest withDeletedObjects(List<MultiDeleteBody.DeletedObject> objects) {
        requireWaiting(Operation.Trait.DELETE_BODY);
        List<Need> out = new ArrayList<>(objects.size() + 1);
        for (MultiDeleteBody.DeletedObject o : objects) {
            out.add(new Need(operation.action(), Resources.cosObject(region(), appid(), bucket(), o.key())));
        }
        if (!objects.isEmpty() && presentsNoSignature()) {
            out.add(new Need(DELETE_MULTIPLE_OBJECTS, Resources.cosBucket(region(), appid(), bucket())));
        }
        return new CosRequest(this, List.copyOf(out));
    }

    /** Whether this request presents no signature; one that cannot be read counts as none (the stricter needs). */
    private boolean presentsNoSignature() {
        try {
            return SignatureScheme.of(this) == SignatureScheme.NONE;
        } catch (AuthenticationException e) {
            return true;
        }
    }

    /**
     * This POST Object with PostObject on the key its form names ({@link PostForm#objectKey()})
     * and the condition context taken from the form's fields.
     *
     * @param form       the form's fields, read up to the file
     * @param fileLength the file's size in bytes, or -1 when not known
     * @throws IllegalStateException when this is not a POST Object still waiting for its form
     * @throws ClassificationException when the form names no usable key, or another bucket
     */
    public CosRequest withForm(PostForm form, long fileLength) throws ClassificationException {
        requireWaiting(Operation.Trait.FORM_BODY);
        String formKey = form.objectKey();
        String formBucket = form.field("bucket");
        if (formBucket != null && !formBucket.equals(bucket())) {
            throw new ClassificationException(CosError.ACCESS_DENIED,
                    "The form names the bucket " + formBucket + " but is sent to " + bucket() + ".");
        }
        return new CosRequest(this, List.of(
                new Need(operation.action(), Resources.cosObject(region(), appid(), bucket(), formKey))),
                ConditionKeys.ofForm(this, form, fileLength));
    }

    private void requireWaiting(Operation.Trait trait) {
        if (!operation.has(trait) || !needs.isEmpty()) {
            throw new IllegalStateException(operation.action() + " " + decodedPath + " does not wait for "
                    + trait.flag());
        }
    }

    @Override
    public String toString() {
        return method + " " + endpoint.host() + rawPath + (queryStart < 0 ? "" : target.substring(queryStart - 1))
                + " → " + needs;
    }
}
