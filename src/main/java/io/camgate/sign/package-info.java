/**
 * Knowing the caller: verifies COS v5 signatures (the {@code Authorization} header, {@code q-*}
 * query parameters, a single {@code sign=} parameter, and POST Object form policies), checks
 * temporary-credential tokens and the signature's time window, and answers with the
 * {@link io.camgate.sign.Authentication} of the request or a COS-style {@link io.camgate.sign.AuthError}.
 * The request itself is parsed elsewhere, once, and read here through {@link io.camgate.sign.SignedRequest}.
 */
package io.camgate.sign;
