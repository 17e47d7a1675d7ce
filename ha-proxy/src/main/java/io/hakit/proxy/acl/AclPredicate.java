package io.hakit.proxy.acl;

/** A compiled ACL or condition: evaluated on the event loop for each request, allocation-free. */
@FunctionalInterface
public interface AclPredicate {
  AclPredicate TRUE = s -> true;
  AclPredicate FALSE = s -> false;

  boolean test(RequestSample sample);
}
