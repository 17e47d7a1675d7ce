package io.hakit.vrrp;

import io.hakit.vrrp.packet.Advertisement;
import io.hakit.vrrp.packet.AdvertisementCodec;
import java.net.InetAddress;
import java.util.List;

/**
 * The instance's adverts, encoded once per priority and destination and then reused: only the
 * priority (and with it the checksum) changes while an instance runs, and the v3 checksum also
 * covers the destination. This takes the encoder's allocations off the advert path (ZGC stalled
 * the advert thread on allocation up to 80 ms under load). Confined to the scheduler thread.
 */
final class EncodedAdverts {
  private final InstanceSettings settings;
  private final InetAddress source;
  private final List<InetAddress> destinations;
  private final byte[][][] byPriority = new byte[256][][];

  EncodedAdverts(InstanceSettings settings, InetAddress source, List<InetAddress> destinations) {
    this.settings = settings;
    this.source = source;
    this.destinations = List.copyOf(destinations);
  }

  List<InetAddress> destinations() {
    return destinations;
  }

  /** The message for {@code destinations().get(index)} with this priority (0-255). */
  byte[] message(int priority, int destinationIndex) {
    byte[][] messages = byPriority[priority];
    if (messages == null) {
      Advertisement ad = advertisement(priority);
      messages = new byte[destinations.size()][];
      for (int i = 0; i < messages.length; i++) {
        messages[i] = AdvertisementCodec.encode(ad, source, destinations.get(i));
      }
      byPriority[priority] = messages;
    }
    return messages[destinationIndex];
  }

  private Advertisement advertisement(int priority) {
    int intervalCentis = settings.advertIntervalCentis();
    if (settings.version() == 2) {
      String password = settings.password();
      return password != null
          ? Advertisement.v2WithPassword(settings.vrid(), priority, intervalCentis / 100, settings.advertisedAddresses(),
              password)
          : Advertisement.v2(settings.vrid(), priority, intervalCentis / 100, settings.advertisedAddresses());
    }
    return Advertisement.v3(settings.vrid(), priority, intervalCentis, settings.advertisedAddresses());
  }
}
