/** Load-testing policy sets: request mixes drawn from the policies, the engine, diff and HTTP drivers. */
package io.camgate.loadtest;
