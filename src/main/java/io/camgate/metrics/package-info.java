/**
 * The gateway's meters (Micrometer, scraped in Prometheus format): one facade that the request
 * path records into and the admin listener scrapes. Sits above config and limits, whose
 * counters it reads, and below proxy and admin, which both use it.
 */
package io.camgate.metrics;
