/**
 * COS and CI request classification: from Host, the raw request-target, the method, the
 * headers and the transport to one immutable {@link io.camgate.cos.CosRequest} that names the
 * bucket, the opaque object key, the CAM actions and resources the request needs and its
 * condition context. The wire is parsed once here; the authenticator, the authorizer and the
 * forwarder all read the same object, and the forwarder sends the path rebuilt from the key
 * that was authorized ({@link io.camgate.cos.PercentCodec#encodePath}).
 *
 * <p>S3 clients' requests classify into the same actions: their extra parameters are known
 * modifiers, their {@code x-amz-*} condition headers feed the {@code x-cos-*} keys
 * ({@link io.camgate.cos.HeaderTwins}), and a Host outside the COS domains is the gateway's own
 * address, path style ({@link io.camgate.cos.HostKind#GATEWAY}).
 *
 * <p>Everything fails closed: a target that does not decode cleanly, a COS host that is not one
 * of the known forms, or a request that matches no row of the {@link io.camgate.cos.OperationTable}
 * is a {@link io.camgate.cos.ClassificationException}, never a guess.
 */
package io.camgate.cos;
