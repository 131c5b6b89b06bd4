/**
 * Test support: real servers started on loopback for integration tests (s3proxy, and a relay
 * that records what reaches it), a raw HTTP client, Netty's leak check, and seeded random trials.
 */
package io.camgate.testing;
