/**
 * Load-testing policy sets: request mixes drawn from the policies, the engine, diff and HTTP
 * drivers (the HTTP driver writes only when asked, under a prefix of its run, and removes
 * what it wrote), and the reports they leave: self-contained HTML with SVG plots, HdrHistogram
 * {@code .hgrm} files and CSV.
 */
package io.camgate.loadtest;
