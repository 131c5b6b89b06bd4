package io.camgate.sign;

import java.util.List;

/**
 * The parts of one HTTP request that a COS v5 signature covers, as the request classifier
 * parsed them. Implementations are views over that single parse; nothing here re-reads the URL.
 */
public interface SignedRequest {
    /** The HTTP method as sent, e.g. {@code GET}. */
    String method();

    /**
     * The percent-decoded path the client signed: {@code /} + key for virtual-hosted requests,
     * {@code /<bucket>/<key>} for path-style ones. Never normalized.
     */
    String path();

    /** How many query parameters the request carries, duplicates included. */
    int parameterCount();

    /** The decoded name of parameter {@code index}, in request order. */
    String parameterName(int index);

    /** The decoded value of parameter {@code index}; a parameter without {@code =} has value {@code ""}. */
    String parameterValue(int index);

    /**
     * Every value of the header {@code name}, compared case-insensitively, in request order;
     * an empty list when the header is absent.
     */
    List<String> headerValues(String name);
}
