package io.camgate.sign;

/**
 * A request as an AWS signature covers it: what {@link SignedRequest} gives, plus the path exactly
 * as it arrived on the request line (SigV4 signs the path as sent, never a decoded or normalised
 * form) and the names of every header line, so that unsigned {@code x-amz-*} headers can be found.
 */
public interface AwsSignedRequest extends SignedRequest {
    /** The path as it arrived on the request line, before {@code ?}, still percent-encoded. */
    String rawPath();

    /** How many header lines the request carries. */
    int headerCount();

    /** The name of header line {@code index}, as sent. */
    String headerName(int index);
}
