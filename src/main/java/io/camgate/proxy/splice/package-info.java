/**
 * Long bodies moved from socket to socket inside the kernel (Linux splice under native epoll),
 * past the HTTP codecs: {@link io.camgate.proxy.splice.SplicedBody} is the one type the proxy
 * uses; the batching of small reads and the watch on a response's tail stay inside. Sits below
 * {@code proxy}, which decides when a body may be spliced and brings its codecs back in step.
 */
package io.camgate.proxy.splice;
