/**
 * Knowing the caller: verifies COS v5 signatures (the {@code Authorization} header, {@code q-*}
 * query parameters, a single {@code sign=} parameter, and POST Object form policies) and the
 * AWS signatures S3 clients send (SigV4 in the header or a presigned URL, SigV2 in the header or
 * the query), checks temporary-credential tokens and the signature's time window, and answers
 * with the {@link io.camgate.sign.Authentication} of the request or an {@link io.camgate.sign.AuthError}
 * in the COS/S3 error shape. {@link io.camgate.sign.SignatureScheme} decides once which verifier
 * a request goes to. The request itself is parsed elsewhere, once, and read here through
 * {@link io.camgate.sign.SignedRequest} and {@link io.camgate.sign.AwsSignedRequest}.
 */
package io.camgate.sign;
