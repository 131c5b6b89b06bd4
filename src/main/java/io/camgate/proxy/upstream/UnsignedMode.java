package io.camgate.proxy.upstream;

/**
 * {@code none}: the rebuilt request goes unsigned, and a form with the authorized key and the
 * other fields, without the client's credentials.
 */
final class UnsignedMode implements UpstreamMode {
}
