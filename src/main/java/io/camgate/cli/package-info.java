/**
 * The {@code camgate} command line (picocli): {@code check} validates a configuration
 * directory, {@code explain} shows single or batch decisions as JSON, {@code test} runs policy
 * tests with expected decisions, {@code serve} runs the gateway and {@code demo} runs it in
 * front of a local s3proxy with example requests.
 */
package io.camgate.cli;
