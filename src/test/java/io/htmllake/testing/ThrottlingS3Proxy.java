package io.htmllake.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small HTTP/1.1 proxy on loopback in front of an S3 endpoint that answers every n-th request with
 * {@code 503 SlowDown}, as S3 does when a prefix is throttled, and relays the rest byte for byte (so
 * request signatures stay valid). Throttling can be switched off, so a clean run and a throttled run
 * go through the same endpoint and name the same objects.
 */
public final class ThrottlingS3Proxy implements Closeable {

  private static final byte[] SLOW_DOWN = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>SlowDown</Code>"
      + "<Message>Please reduce your request rate.</Message><RequestId>throttling-proxy</RequestId></Error>")
      .getBytes(StandardCharsets.UTF_8);

  private final ServerSocket server;
  private final URI upstream;
  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "throttling-s3-proxy");
    t.setDaemon(true);
    return t;
  });
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong throttled = new AtomicLong();
  private volatile int every;

  /** @param every answer every {@code every}-th request with 503 (0: never) */
  public ThrottlingS3Proxy(URI upstream, int every) throws IOException {
    this.upstream = upstream;
    this.every = every;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    pool.execute(this::acceptLoop);
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  public void throttleEvery(int n) {
    this.every = n;
  }

  public long requests() {
    return requests.get();
  }

  public long throttled() {
    return throttled.get();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        pool.execute(() -> serve(client));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket client) {
    try (client; Socket up = new Socket(upstream.getHost(), upstream.getPort())) {
      InputStream cin = new BufferedInputStream(client.getInputStream());
      OutputStream cout = client.getOutputStream();
      InputStream uin = new BufferedInputStream(up.getInputStream());
      OutputStream uout = up.getOutputStream();
      while (true) {
        Head request = Head.read(cin);
        if (request == null) {
          return;
        }
        long n = requests.incrementAndGet();
        int e = every;
        if (e > 0 && n % e == 0) {
          throttled.incrementAndGet();
          cout.write(("HTTP/1.1 503 Slow Down\r\nContent-Type: application/xml\r\nContent-Length: " + SLOW_DOWN.length
              + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
          cout.write(SLOW_DOWN);
          cout.flush();
          return; // the client has not sent (or we do not read) the body: a fresh connection is cleanest
        }
        if (request.header("expect") != null) {
          // Answer 100 ourselves, take the body, then hand the whole request on.
          cout.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
          cout.flush();
        }
        uout.write(request.bytes());
        relayBody(request, cin, uout);
        uout.flush();
        Head response;
        do {
          response = Head.read(uin);
          if (response == null) {
            return;
          }
        } while (response.status() == 100);
        cout.write(response.bytes());
        boolean untilClose = false;
        if (request.method().equals("HEAD") || response.status() == 204 || response.status() == 304) {
          // no body
        } else if (response.header("content-length") != null || "chunked".equalsIgnoreCase(response.header("transfer-encoding"))) {
          relayBody(response, uin, cout);
        } else {
          uin.transferTo(cout);
          untilClose = true;
        }
        cout.flush();
        if (untilClose || "close".equalsIgnoreCase(response.header("connection"))) {
          return;
        }
      }
    } catch (IOException e) {
      // a client or upstream hung up: the client sees a broken connection and retries
    }
  }

  private static void relayBody(Head head, InputStream in, OutputStream out) throws IOException {
    String length = head.header("content-length");
    if (length != null) {
      copy(in, out, Long.parseLong(length.trim()));
    } else if ("chunked".equalsIgnoreCase(head.header("transfer-encoding"))) {
      while (true) {
        String line = readLine(in);
        out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        long size = Long.parseLong(line.split(";", 2)[0].trim(), 16);
        if (size == 0) {
          String trailer;
          do {
            trailer = readLine(in);
            out.write((trailer + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
          } while (!trailer.isEmpty());
          return;
        }
        copy(in, out, size);
        out.write((readLine(in) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      }
    }
  }

  private static void copy(InputStream in, OutputStream out, long n) throws IOException {
    byte[] buf = new byte[64 << 10];
    long left = n;
    while (left > 0) {
      int r = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (r < 0) {
        throw new IOException("Connection closed with " + left + " body bytes to go");
      }
      out.write(buf, 0, r);
      left -= r;
    }
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\n') {
        break;
      }
      line.write(b);
    }
    if (b < 0 && line.size() == 0) {
      return null;
    }
    String s = line.toString(StandardCharsets.ISO_8859_1);
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }

  /** A request or response head: start line and headers, kept as the exact bytes to relay. */
  private record Head(String startLine, java.util.Map<String, String> headers, byte[] bytes) {

    static Head read(InputStream in) throws IOException {
      String start = readLine(in);
      if (start == null) {
        return null;
      }
      StringBuilder raw = new StringBuilder(start).append("\r\n");
      java.util.Map<String, String> headers = new java.util.HashMap<>();
      String line;
      while ((line = readLine(in)) != null && !line.isEmpty()) {
        raw.append(line).append("\r\n");
        int colon = line.indexOf(':');
        if (colon > 0) {
          headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
      }
      raw.append("\r\n");
      return new Head(start, headers, raw.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    String header(String name) {
      return headers.get(name);
    }

    String method() {
      return startLine.split(" ", 2)[0];
    }

    int status() {
      String[] parts = startLine.split(" ", 3);
      return parts.length > 1 && parts[0].startsWith("HTTP/") ? Integer.parseInt(parts[1]) : -1;
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    pool.shutdownNow();
  }
}
