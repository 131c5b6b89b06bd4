/**
 * The admin listener, on its own port: Prometheus metrics, health and readiness, reload on
 * request, the decision endpoint, and the CAM management API that edits the configuration
 * directory. The CAM API arrives as Tencent Cloud API 3.0 on {@code /} ({@link
 * io.camgate.admin.CloudApiEndpoint}, with {@link io.camgate.admin.Tc3Signature} and {@link
 * io.camgate.admin.ParameterSignature}) or COS-signed on {@code /cam} ({@link
 * io.camgate.admin.CamEndpoint}); both hand the call to {@link io.camgate.admin.CamService},
 * which runs it with the class for its resource through {@link io.camgate.admin.CamStore}.
 */
package io.camgate.admin;
