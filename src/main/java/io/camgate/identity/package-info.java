/**
 * The directory of who exists: root accounts (uin and APPID), their sub-users and groups,
 * access keys, buckets, and feature sets. Immutable once built; looked up by uin, APPID,
 * SecretId and bucket name. {@link io.camgate.identity.Principal} is who a request speaks for.
 */
package io.camgate.identity;
