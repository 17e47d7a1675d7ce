package io.hakit.proxy.backend;

/**
 * The outcome of a server's latest health check as {@code show stat} reports it.
 *
 * @param status HAProxy's short code: {@code L4OK}, {@code L4CON}, {@code L4TOUT}, {@code L7OK},
 *     {@code L7STS}, {@code L7TOUT}, {@code L7RSP}; empty before the first check
 * @param code the HTTP status of a layer-7 check, 0 otherwise
 * @param durationMillis how long the check took, -1 when none ran
 * @param info the check's detail ({@code Connection refused}, the HTTP reason), possibly empty
 * @param description the long form ({@code Layer4 connection problem})
 * @param health HAProxy's check health: 0 (down) .. rise+fall-1 (fully up)
 */
public record LastCheck(String status, int code, long durationMillis, String info, String description, int health) {
  public static final LastCheck NONE = new LastCheck("", 0, -1, "", "", 0);
}
