package io.hakit.core.balance;

/**
 * What a balancer needs before it can pick (HAProxy's {@code BE_LB_NEED_*} bits): the proxy
 * delays the pick until this input is available.
 */
public enum BalanceInput {
  /** Nothing: roundrobin, static-rr, leastconn, first, random. */
  NONE,
  /** The client's source address: source. */
  SOURCE_ADDRESS,
  /** The HTTP request line and headers: uri, url_param, hdr, random with draws on HTTP data. */
  HTTP_REQUEST,
  /** Request payload bytes: rdp-cookie, url_param with check_post. */
  REQUEST_DATA
}
