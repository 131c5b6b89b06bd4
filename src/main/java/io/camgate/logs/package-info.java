/**
 * The gateway's JSON log lines: the access log and the decision log (every denial, a sample of
 * allows), with signatures and tokens redacted.
 */
package io.camgate.logs;
