package io.signet.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP forwarder whose link can be cut and restored: the database "goes away" for the
 * application without touching the database itself. It can also hold what the target sends (its
 * answers) and pass it on later: a server that has answered can die before its client has read the
 * answer.
 */
final class TcpProxy implements AutoCloseable {
  private final ServerSocket server;
  private final String targetHost;
  private final int targetPort;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private volatile boolean up = true;
  private final Object gate = new Object();
  private boolean holding;

  TcpProxy(String targetHost, int targetPort) throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    Thread.ofVirtual().start(this::acceptLoop);
  }

  int port() {
    return server.getLocalPort();
  }

  /** Drops every connection and refuses new ones (they are accepted and closed at once). */
  void cut() {
    up = false;
    open.forEach(TcpProxy::closeQuietly);
    open.clear();
  }

  void restore() {
    up = true;
  }

  /** From now on, what the target sends waits here (the clients' requests still pass). */
  void holdAnswers() {
    synchronized (gate) {
      holding = true;
    }
  }

  /** Passes on what was held, and everything after it. */
  void releaseAnswers() {
    synchronized (gate) {
      holding = false;
      gate.notifyAll();
    }
  }

  private void awaitRelease() throws InterruptedIOException {
    synchronized (gate) {
      while (holding) {
        try {
          gate.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while holding an answer");
        }
      }
    }
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        if (!up) {
          closeQuietly(client);
          continue;
        }
        Socket upstream;
        try {
          upstream = new Socket(targetHost, targetPort);
        } catch (IOException targetGone) {
          closeQuietly(client); // as a dead server would: the client sees the connection fail
          continue;
        }
        open.add(client);
        open.add(upstream);
        Thread.ofVirtual().start(() -> pump(client, upstream, false));
        Thread.ofVirtual().start(() -> pump(upstream, client, true));
      } catch (IOException e) {
        if (server.isClosed()) return;
      }
    }
  }

  private void pump(Socket from, Socket to, boolean answers) {
    byte[] buffer = new byte[16384];
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        if (answers) awaitRelease();
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException ignored) {
      // the other side closed, or the link was cut
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    cut();
    server.close();
  }
}
