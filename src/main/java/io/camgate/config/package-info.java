/**
 * Loading a configuration directory ({@code accounts.yaml}, {@code policies/*.json},
 * {@code bucket-policies/*.json}) into a validated {@link io.camgate.authz.Snapshot}, and
 * {@code camgate.yaml} (listener, signature rules, routes) into {@link io.camgate.config.GatewaySettings}.
 * Every problem is reported with its file, JSON pointer and reason, and nothing half-loaded
 * is ever returned.
 */
package io.camgate.config;
