/**
 * The gateway's logging: the access log and the decision log (every denial, a share of
 * allows), with signatures and tokens redacted, encoded and written in batches off the event
 * loops by the log writer; the level and last flush of logback, which writes the operational lines.
 */
package io.camgate.logs;
