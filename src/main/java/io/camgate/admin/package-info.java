/**
 * The admin listener, on its own port: Prometheus metrics, health and readiness, reload on
 * request, the decision endpoint, and the CAM management API that edits the configuration
 * directory.
 */
package io.camgate.admin;
