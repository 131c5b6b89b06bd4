/** Test support: real servers started on loopback for integration tests, and seeded random trials. */
package io.camgate.testing;
