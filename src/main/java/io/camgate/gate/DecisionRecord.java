package io.camgate.gate;

import io.camgate.limits.Allowance;

/**
 * Where the decider notes what it learns about the request it decides: the action and caller
 * once authenticated, the caller's allowance once admitted, and the snapshot that decided. The
 * outcome is not noted here: it follows from the {@link Admission} returned. The proxy's and the
 * ingress listener's per-connection exchange implements it, so nothing is allocated.
 */
public interface DecisionRecord {
    /** The request's id, as its response and logs carry it. */
    String requestId();

    /** The request's action and who asked (a UIN, {@code anonymous}, or null when nobody was authenticated). */
    void identify(String action, String principal);

    /** What the caller may still spend on this request's bytes. */
    void allowance(Allowance allowance);

    /** The generation and the revision of the snapshot that decides the request. */
    void decidedBy(long snapshotGeneration, String snapshotRevision);

    /** The generation of the snapshot that decided the request, 0 before a decision. */
    long generation();

    /** The revision of the snapshot that decided the request, null before a decision. */
    String revision();
}
