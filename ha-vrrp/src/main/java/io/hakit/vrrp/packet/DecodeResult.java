package io.hakit.vrrp.packet;

import org.jspecify.annotations.Nullable;

/**
 * The verdict of {@link AdvertisementCodec#decode}: an advertisement, or the reason it was dropped
 * and a detail for the log. Exactly one of {@link #advertisement()} and {@link #dropReason()} is
 * non-null.
 */
public final class DecodeResult {
  private final @Nullable Advertisement advertisement;
  private final @Nullable DropReason dropReason;
  private final String detail;

  private DecodeResult(@Nullable Advertisement advertisement, @Nullable DropReason dropReason, String detail) {
    this.advertisement = advertisement;
    this.dropReason = dropReason;
    this.detail = detail;
  }

  public static DecodeResult accepted(Advertisement advertisement) {
    return new DecodeResult(advertisement, null, "");
  }

  public static DecodeResult dropped(DropReason reason, String detail) {
    return new DecodeResult(null, reason, detail);
  }

  public boolean isAccepted() {
    return advertisement != null;
  }

  public @Nullable Advertisement advertisement() {
    return advertisement;
  }

  /** The advertisement of an accepted result; throws on a dropped one. */
  public Advertisement advertisementOrThrow() {
    if (advertisement == null) {
      throw new IllegalStateException("dropped: " + dropReason + " (" + detail + ")");
    }
    return advertisement;
  }

  public @Nullable DropReason dropReason() {
    return dropReason;
  }

  /** What exactly was wrong, for the log: {@code "checksum 0x1234, expected 0x81ef"}. */
  public String detail() {
    return detail;
  }

  @Override
  public String toString() {
    return advertisement != null ? "accepted " + advertisement : "dropped " + dropReason + ": " + detail;
  }
}
