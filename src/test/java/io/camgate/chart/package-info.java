/** Tests of the Helm chart in helm/camgate, rendered by an embedded Helm engine. */
package io.camgate.chart;
