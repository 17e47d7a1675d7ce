package io.hakit.examples.vrrp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed's point of a VIP: a client reaches a service on it. A TCP listener on port
 * {@value #PORT} in each server node answers with the node's name; a client node connects to the
 * VIP. Listeners and client sockets are opened on threads inside the namespaces.
 */
final class VipService implements AutoCloseable {
  static final int PORT = 8080;

  private final List<ServerSocket> listeners = new ArrayList<>();
  private final List<NetnsThread> threads = new ArrayList<>();
  private final NetnsThread client;

  VipService(Lan.Node clientNode, Lan.Node... servers) throws Exception {
    try {
      for (Lan.Node server : servers) {
        NetnsThread t = new NetnsThread(server);
        threads.add(t);
        ServerSocket listener = t.call(() -> {
          ServerSocket s = new ServerSocket();
          s.bind(new InetSocketAddress(PORT));
          return s;
        });
        listeners.add(listener);
        Thread acceptor = new Thread(() -> serve(listener, server.ns), "vip-service-" + server.ns);
        acceptor.setDaemon(true);
        acceptor.start();
      }
      client = new NetnsThread(clientNode);
      threads.add(client);
    } catch (Exception | Error e) {
      close();
      throw e;
    }
  }

  private static void serve(ServerSocket listener, String name) {
    while (!listener.isClosed()) {
      try (Socket s = listener.accept(); OutputStream out = s.getOutputStream()) {
        out.write((name + "\n").getBytes(StandardCharsets.US_ASCII));
      } catch (IOException e) {
        // closed, or a client gone: next one
      }
    }
  }

  /** Which node answered on the VIP, or the error the client saw. */
  String askVip() {
    try {
      return client.call(() -> {
        try (Socket s = new Socket()) {
          s.connect(new InetSocketAddress(InetAddress.getByName(Conf.VIP), PORT), 300);
          s.setSoTimeout(1000);
          InputStream in = s.getInputStream();
          return new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
          return "error: " + e.getMessage();
        }
      });
    } catch (Exception e) {
      return "error: " + e;
    }
  }

  @Override
  public void close() {
    for (ServerSocket s : listeners) {
      try {
        s.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
    threads.forEach(NetnsThread::close);
  }
}
