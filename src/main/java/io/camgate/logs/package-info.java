/**
 * The gateway's logging: the access log and the decision log (every denial, a share of
 * allows), with signatures and tokens redacted, written off the event loops; the JSON backend's
 * level and last flush.
 */
package io.camgate.logs;
