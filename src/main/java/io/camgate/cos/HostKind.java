package io.camgate.cos;

/** The forms of Host the gateway serves, each deciding where the bucket and region come from. */
public enum HostKind {
    /** {@code <bucket>.cos.<region>.myqcloud.com} or {@code .tencentcos.cn}. */
    VIRTUAL_HOSTED(Service.COS, true),
    /** {@code <bucket>.cos-internal.<region>.tencentcos.cn} (private network). */
    INTERNAL(Service.COS, true),
    /** {@code <bucket>.cos-website[-internal].<region>...}: only GET, HEAD and OPTIONS on objects. */
    WEBSITE(Service.COS, true),
    /** {@code <bucket>.cos.accelerate...}: the region comes from the directory's bucket table. */
    ACCELERATE(Service.COS, true),
    /** {@code <bucket>.<legacy-region>.myqcloud.com} without {@code cos.}. */
    LEGACY(Service.COS, true),
    /** A custom domain mapped to one bucket in configuration. */
    CUSTOM_DOMAIN(Service.COS, true),
    /** {@code cos.<region>...}: path-style {@code /<bucket>/<key>}, or GetService at {@code /}. */
    PATH_STYLE(Service.COS, false),
    /**
     * The gateway's own address: a Host outside the COS and CI domains and the custom domains (a
     * Service name such as {@code camgate.storage.svc}, {@code localhost}, an IP literal). Path
     * style like {@link #PATH_STYLE}, GetService at {@code /}; the bucket's region comes from the
     * directory, since the host names none.
     */
    GATEWAY(Service.COS, false),
    /** {@code service.cos.myqcloud.com}: GetService across regions. */
    SERVICE(Service.COS, false),
    /** {@code <bucket>.ci.<region>.myqcloud.com}: CI jobs, templates, queues, bucket settings. */
    CI(Service.CI, true),
    /** {@code ci.<region>...} or {@code service.ci...}: account-level CI listings. */
    CI_SERVICE(Service.CI, false);

    /** The API family a host serves, which picks the operation table. */
    public enum Service { COS, CI }

    private final Service service;
    private final boolean bucketInHost;

    HostKind(Service service, boolean bucketInHost) {
        this.service = service;
        this.bucketInHost = bucketInHost;
    }

    /** The API family this host serves. */
    public Service service() {
        return service;
    }

    /** Whether the bucket is named by the host rather than by the path (or not at all). */
    public boolean bucketInHost() {
        return bucketInHost;
    }
}
