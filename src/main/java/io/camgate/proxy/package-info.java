/**
 * The Netty side of the gateway: strict HTTP framing, COS-style error responses, and (as
 * the request path grows) classification, authentication, authorization and forwarding
 * handlers, each documenting where it sits in the pipeline.
 */
package io.camgate.proxy;
