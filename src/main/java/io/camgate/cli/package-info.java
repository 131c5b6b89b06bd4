/**
 * The {@code camgate} command line (picocli): {@code check} validates a configuration
 * directory, {@code explain} shows single or batch decisions as JSON.
 */
package io.camgate.cli;
