/**
 * ACLs compiled once into allocation-free predicates over a {@link io.hakit.proxy.acl.RequestSample}:
 * fetches ({@code path}, {@code url}, {@code hdr(...)}, {@code method}, {@code src}) with their
 * match methods, and conditions ({@code if}/{@code unless}, AND, {@code ||}, {@code !}).
 */
@NullMarked
package io.hakit.proxy.acl;

import org.jspecify.annotations.NullMarked;
