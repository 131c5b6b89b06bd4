/** JMH benchmarks: decisions, index compilation, signature verification and request classification. */
package io.camgate.bench;
