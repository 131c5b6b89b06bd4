package io.camgate.cos;

import io.camgate.authz.Need;
import io.camgate.identity.Directory;
import io.camgate.identity.RootAccount;
import io.camgate.policy.ResourceName;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns the wire form of a request (method, request-target, headers, transport) into a
 * {@link CosRequest}, in one pass over the target and one lookup in the {@link OperationTable}.
 * Thread-safe; one instance serves every connection.
 *
 * <p>Fails closed throughout: a request it cannot read exactly, or that matches no table row,
 * is a {@link ClassificationException} with the COS error to answer and the reason.
 */
public final class RequestClassifier {
    private static final String GET_OBJECT = "cos:GetObject";
    private static final String CI_PROCESS = "ci-process";
    private static final String PASS_ROLE = "cam:PassRole";
    private static final Set<String> AWS_CHUNKED_ACTIONS = Set.of("cos:PutObject", "cos:UploadPart");

    private final CosSettings settings;
    private final Clock clock;
    private final HostParser hosts;
    private final OperationTable table = OperationTable.get();
    /** The last second formatted for {@code qcs:current_time}: most requests share it. */
    private volatile Stamp lastStamp = new Stamp(Long.MIN_VALUE, "");

    private record Stamp(long second, String text) {
    }

    /** A classifier for {@code settings}, taking {@code qcs:current_time} from {@code clock}. */
    public RequestClassifier(CosSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.hosts = new HostParser(settings);
    }

    /**
     * Classifies one request.
     *
     * @param method    the HTTP method as sent
     * @param target    the raw request-target: origin-form {@code /path?query} or absolute-form
     *                  {@code http://host/path?query} (whose authority must then agree with Host)
     * @param headers   the request headers
     * @param transport the connection facts
     * @param directory the snapshot's directory (bucket regions for accelerate and custom domains)
     */
    public CosRequest classify(String method, String target, RequestHeaders headers, Transport transport,
            Directory directory) throws ClassificationException {
        int methodIndex = OperationTable.methodIndex(method);
        if (methodIndex < 0) {
            throw new ClassificationException(CosError.METHOD_NOT_ALLOWED, "COS does not serve " + method + ".");
        }
        String host = headers.single("Host");
        headers.refuseRepeatedCosHeaders();
        int pathStart = 0;
        if (!target.startsWith("/")) {
            pathStart = authorityEnd(target);
            host = absoluteFormHost(target, pathStart, host);
        }
        int question = target.indexOf('?', pathStart);
        int pathEnd = question < 0 ? target.length() : question;
        String rawPath = pathStart == pathEnd ? "/" : target.substring(pathStart, pathEnd);
        int queryStart = question < 0 ? -1 : question + 1;
        List<QueryParam> params = QueryParser.parse(target, queryStart);
        Endpoint endpoint = hosts.parse(host, directory);
        ClientAddress client = ClientAddress.resolve(transport, headers, settings);
        Instant now = clock.instant();
        Parsed p = endpoint.kind().service() == HostKind.Service.COS
                ? cos(methodIndex, method, endpoint, rawPath, params, headers, directory)
                : ci(method, endpoint, rawPath, params, directory);
        ConditionKeys.check(headers, p.operation.action(), params);
        // Only uploads stream aws-chunked bodies: elsewhere the framing would reach an API that reads it raw.
        if (ConditionKeys.isAwsChunked(headers) && !AWS_CHUNKED_ACTIONS.contains(p.operation.action())) {
            throw new ClassificationException(CosError.INVALID_REQUEST,
                    "An aws-chunked body is accepted only by PutObject and UploadPart.");
        }
        return new CosRequest(method, p.endpoint, p.key, rawPath, p.decodedPath, target, queryStart, params, headers,
                transport, client, now, stamp(now), p.operation, p.copySource, p.needs);
    }

    /** What the service-specific half works out. */
    private record Parsed(Endpoint endpoint, String key, String decodedPath, Operation operation,
            CopySource copySource, List<Need> needs) {
    }

    private Parsed cos(int methodIndex, String method, Endpoint endpoint, String rawPath, List<QueryParam> params,
            RequestHeaders headers, Directory directory) throws ClassificationException {
        String decodedPath = PercentCodec.decodePath(rawPath, 0, rawPath.length());
        Scope scope;
        String key;
        if (endpoint.kind().bucketInHost()) {
            key = decodedPath.substring(1);
            scope = key.isEmpty() ? Scope.BUCKET : Scope.OBJECT;
        } else if (rawPath.equals("/")) {
            key = null;
            scope = Scope.SERVICE;
        } else if (endpoint.kind() == HostKind.PATH_STYLE || endpoint.kind() == HostKind.GATEWAY) {
            int slash = rawPath.indexOf('/', 1);
            String bucket = rawPath.substring(1, slash < 0 ? rawPath.length() : slash);
            String appid = BucketName.requireAppid(bucket);
            // The gateway's own address names no region: the bucket's comes from the directory.
            String region = endpoint.kind() == HostKind.GATEWAY ? directory.bucket(bucket).orElseThrow(() ->
                    new ClassificationException(CosError.NO_SUCH_BUCKET, "The bucket " + bucket
                            + " is not known, so its region cannot be determined.")).region() : endpoint.region();
            endpoint = new Endpoint(endpoint.kind(), endpoint.host(), bucket, appid, region);
            // The bucket segment holds no escapes (requireAppid allows none), so it decodes to itself.
            key = slash < 0 ? "" : decodedPath.substring(bucket.length() + 2);
            scope = key.isEmpty() ? Scope.BUCKET : Scope.OBJECT;
        } else {
            throw new ClassificationException(CosError.INVALID_REQUEST,
                    "The host " + endpoint.host() + " serves only GET Service at /.");
        }

        if (endpoint.kind() == HostKind.WEBSITE
                && !(method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS"))) {
            throw new ClassificationException(CosError.METHOD_NOT_ALLOWED,
                    "A website endpoint serves only GET, HEAD and OPTIONS.");
        }
        long mask = 0;
        String unknown = null;
        boolean imageProcess = false;
        for (int i = 0, n = params.size(); i < n; i++) {
            QueryParam param = params.get(i);
            int bit = table.cosSelectorBit(param.name());
            if (bit >= 0) {
                mask |= 1L << bit;
            } else if (OperationTable.isImageProcess(param.name())) {
                imageProcess = true;
            } else if (!OperationTable.isCosModifier(param.name()) && unknown == null) {
                unknown = param.name();
            }
        }
        String copyHeader = HeaderTwins.value(headers, HeaderTwins.COPY_SOURCE);
        Operation op = table.cos(methodIndex, scope, mask, copyHeader != null);
        if (op == null) {
            throw new ClassificationException(CosError.ACCESS_DENIED, "No CAM action is known for " + method + " on "
                    + describe(scope) + " with " + (copyHeader != null ? "x-cos-copy-source and " : "")
                    + "the parameters " + paramNames(params) + ".");
        }
        boolean ciProcess = op.has(Operation.Trait.CI_PROCESS);
        // CI processing takes parameters of its own; without it, every parameter must be one COS knows.
        if (unknown != null && !ciProcess) {
            throw new ClassificationException(CosError.ACCESS_DENIED,
                    "No CAM action is known for the query parameter \"" + unknown + "\".");
        }
        if (imageProcess && !(op.action().equals(GET_OBJECT) && !ciProcess && mask == 0)) {
            throw new ClassificationException(CosError.ACCESS_DENIED,
                    "Image processing parameters are served only on a plain GET Object.");
        }
        if (endpoint.kind() == HostKind.WEBSITE && !op.has(Operation.Trait.WEBSITE)) {
            throw new ClassificationException(CosError.ACCESS_DENIED,
                    "A website endpoint serves only GET, HEAD and OPTIONS on objects.");
        }

        CopySource source = copyHeader == null ? null
                : headers.first(HeaderTwins.COPY_SOURCE) != null ? CopySource.parse(copyHeader, hosts, directory)
                : CopySource.parseS3(copyHeader, directory);
        return new Parsed(endpoint, key, decodedPath, op, source, cosNeeds(op, endpoint, key, source, params));
    }

    private static List<Need> cosNeeds(Operation op, Endpoint e, String key, CopySource source,
            List<QueryParam> params) throws ClassificationException {
        if (op.has(Operation.Trait.DELETE_BODY) || op.has(Operation.Trait.FORM_BODY)) {
            return List.of();
        }
        if (op.scope() == Scope.SERVICE) {
            return List.of(new Need(op.action(), ResourceName.ANY));
        }
        Need main = new Need(op.action(), Resources.cosObject(e.region(), e.appid(), e.bucket(), key));
        if (source != null) {
            return List.of(main, new Need(GET_OBJECT,
                    Resources.cosObject(source.region(), source.appid(), source.bucket(), source.key())));
        }
        if (op.has(Operation.Trait.CI_PROCESS)) {
            CiProcessTable.CiAction ci = CiProcessTable.lookup(QueryParser.find(params, CI_PROCESS),
                    QueryParser.find(params, "action"));
            if (ci != null) {
                return List.of(main, new Need(ci.action(),
                        ci.apiLevel() ? ResourceName.ANY : Resources.ci(e.region(), e.appid(), e.bucket(), key)));
            }
        }
        return List.of(main);
    }

    private Parsed ci(String method, Endpoint endpoint, String rawPath, List<QueryParam> params,
            Directory directory) throws ClassificationException {
        String decodedPath = PercentCodec.decodePath(rawPath, 0, rawPath.length());
        String path = decodedPath.substring(1);
        long mask = 0;
        for (int i = 0, n = params.size(); i < n; i++) {
            QueryParam param = params.get(i);
            int bit = table.ciSelectorBit(param.name());
            if (bit >= 0) {
                mask |= 1L << bit;
            } else if (path.isEmpty() && !OperationTable.isCosModifier(param.name())) {
                // At the bucket root the parameter is what selects the API: an unknown one is not ignored.
                throw new ClassificationException(CosError.ACCESS_DENIED,
                        "No CAM action is known for the CI query parameter \"" + param.name() + "\".");
            }
        }
        Operation op = table.ci(method, path, mask);
        if (op == null) {
            throw new ClassificationException(CosError.ACCESS_DENIED, "No CAM action is known for CI " + method + " "
                    + decodedPath + " with the parameters " + paramNames(params) + ".");
        }
        Need need;
        if (op.has(Operation.Trait.API_LEVEL)) {
            need = new Need(op.action(), ResourceName.ANY);
        } else if (endpoint.bucket() == null) {
            throw new ClassificationException(CosError.INVALID_REQUEST,
                    op.action() + " acts on a bucket, but the host " + endpoint.host() + " names none.");
        } else {
            String object = op.has(Operation.Trait.KEY_IN_OBJECT_PARAM) ? QueryParser.find(params, "object")
                    : null;
            String key = object == null || object.isEmpty() ? "*" : object;
            need = new Need(op.action(), Resources.ci(endpoint.region(), endpoint.appid(), endpoint.bucket(), key));
        }
        if (op.has(Operation.Trait.PASS_ROLE)) {
            return new Parsed(endpoint, null, decodedPath, op, null,
                    List.of(need, new Need(PASS_ROLE, Resources.ciServiceRole(bucketOwner(endpoint, directory)))));
        }
        return new Parsed(endpoint, null, decodedPath, op, null, List.of(need));
    }

    /** The UIN owning the bucket's APPID: the account whose CI service role a job runs under. */
    private static String bucketOwner(Endpoint endpoint, Directory directory) throws ClassificationException {
        return directory.rootByAppid(endpoint.appid()).map(RootAccount::uin).orElseThrow(() ->
                new ClassificationException(CosError.ACCESS_DENIED, "The APPID " + endpoint.appid()
                        + " has no account in the directory, so the cam:PassRole its CI jobs need cannot be"
                        + " checked."));
    }

    /** Where the authority of an absolute-form target ends; anything else that is not origin-form is refused. */
    private static int authorityEnd(String target) throws ClassificationException {
        int scheme = target.startsWith("http://") ? 7 : target.startsWith("https://") ? 8 : -1;
        if (scheme < 0) {
            throw new ClassificationException(CosError.INVALID_URI,
                    "The request-target is neither /path nor http(s)://host/path.");
        }
        int end = scheme;
        while (end < target.length() && target.charAt(end) != '/' && target.charAt(end) != '?') {
            end++;
        }
        return end;
    }

    /** RFC 9112 §3.2.2: the authority wins, so a Host that names another one makes the request ambiguous. */
    private static String absoluteFormHost(String target, int authorityEnd, String hostHeader)
            throws ClassificationException {
        String authority = target.substring(target.indexOf("//") + 2, authorityEnd);
        if (hostHeader != null && !HostParser.normalize(hostHeader).equals(HostParser.normalize(authority))) {
            throw new ClassificationException(CosError.INVALID_REQUEST, "The request-target names the host "
                    + authority + " but the Host header names " + hostHeader + ".");
        }
        return authority;
    }

    private String stamp(Instant now) {
        long second = now.getEpochSecond();
        Stamp s = lastStamp;
        if (s.second() != second) {
            s = new Stamp(second, now.truncatedTo(ChronoUnit.SECONDS).toString());
            lastStamp = s;
        }
        return s.text();
    }

    private static String describe(Scope scope) {
        return switch (scope) {
            case SERVICE -> "the service";
            case BUCKET -> "a bucket";
            case OBJECT -> "an object";
        };
    }

    private static List<String> paramNames(List<QueryParam> params) {
        List<String> names = new ArrayList<>(params.size());
        params.forEach(p -> names.add(p.name()));
        return names;
    }
}
