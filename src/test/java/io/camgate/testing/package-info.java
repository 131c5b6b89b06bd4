/** Test support: real servers started on loopback for integration tests. */
package io.camgate.testing;
