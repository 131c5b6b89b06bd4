package io.camgate.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A recording hop between the gateway and its upstream: an HTTP/1.1 relay on loopback that
 * logs the request line and headers of every request it receives, in arrival order, before it
 * forwards the request to the real upstream (so anything the gateway forwarded is recorded
 * before the client can see its answer). Its {@link Fault} makes it misbehave as a broken
 * upstream instead. Blocking sockets, two threads per connection: it is test equipment.
 */
public final class RecordingUpstream implements AutoCloseable {
    /** How the relay treats the requests it receives. */
    public enum Fault {
        /** Forward to the upstream and relay its answer. */
        NONE,
        /** Read the head and a little of the body, then reset the connection. */
        RESET_MID_REQUEST,
        /** Forward, relay the first {@link #CUT_AFTER_BYTES} bytes of the response, then close the connection. */
        CUT_MID_RESPONSE,
        /**
         * Forward, relay the first {@link #LATE_CUT_AFTER_BYTES} bytes of the response, then close
         * the connection: a large body that stops short after the gateway began to splice it.
         */
        CUT_LATE_IN_RESPONSE,
        /** Read the request and never answer. */
        STALL,
        /** Answer with bytes that are not HTTP. */
        GARBAGE
    }

    /**
     * One request as it reached the relay.
     *
     * @param requestLine the request line, e.g. {@code GET /bucket/key HTTP/1.1}
     * @param headers     each header line as {@code name: value}, in order
     */
    public record Seen(String requestLine, List<String> headers) {
        /** The request target's path, percent-decoded once ({@code +} stays a plus). */
        public String decodedPath() {
            String target = requestLine.split(" ", -1)[1];
            return URI.create(target).getPath();
        }

        /** The values of the header {@code name} (any case). */
        public List<String> header(String name) {
            List<String> out = new ArrayList<>();
            for (String h : headers) {
                int colon = h.indexOf(':');
                if (h.substring(0, colon).strip().equalsIgnoreCase(name)) {
                    out.add(h.substring(colon + 1).strip());
                }
            }
            return out;
        }
    }

    private static final int RESET_AFTER_BYTES = 512;
    /** Where a cut response ends: past any response head, inside a larger body. */
    public static final int CUT_AFTER_BYTES = 4096;
    /** Where a late cut ends: two mebibytes and a little into the response, inside a larger body. */
    public static final int LATE_CUT_AFTER_BYTES = (2 << 20) + 4096;

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "recording-upstream");
        t.setDaemon(true);
        return t;
    });
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    /** The connections the gateway opened to the relay and has not closed. */
    private final Set<Socket> clients = ConcurrentHashMap.newKeySet();
    private final List<Seen> seen = new ArrayList<>();
    /** The body bytes (chunk data, without chunk framing) relayed for each request, in order. */
    private final List<Long> bodies = new ArrayList<>();
    /** Client connections accepted and ended, guarded by {@link #seen} like the requests. */
    private int accepted;
    private int ended;
    private volatile Fault fault = Fault.NONE;

    private RecordingUpstream(ServerSocket server, InetSocketAddress target) {
        this.server = server;
        this.target = target;
    }

    /** Starts relaying to {@code upstream} ({@code http://host:port}) on a free loopback port. */
    public static RecordingUpstream start(URI upstream) throws IOException {
        ServerSocket server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        RecordingUpstream relay = new RecordingUpstream(server,
                new InetSocketAddress(upstream.getHost(), upstream.getPort()));
        relay.threads.execute(relay::acceptLoop);
        return relay;
    }

    /** The relay's base URI, for a route's upstream. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** Makes the relay misbehave from the next request on (connections already open included). */
    public void fault(Fault value) {
        fault = value;
    }

    /** Every request recorded since the last {@link #clear()}. */
    public List<Seen> requests() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    /**
     * Waits until at least {@code n} requests are recorded (for requests the client's answer
     * does not wait on, such as one cut off mid-body) and returns them all; bounded, so that a
     * request that never comes fails the test instead of hanging it.
     */
    public List<Seen> awaitRequests(int n) throws InterruptedException {
        synchronized (seen) {
            awaitWhile(() -> seen.size() < n);
            return List.copyOf(seen);
        }
    }

    /**
     * How many body bytes each request relayed to its end carried as its head framed them, in
     * order; a request whose body never ended (or that a fault cut) has none.
     */
    public List<Long> bodyLengths() {
        synchronized (seen) {
            return List.copyOf(bodies);
        }
    }

    /** Waits (bounded, like {@link #awaitRequests}) until {@code n} bodies were relayed whole, and returns their lengths. */
    public List<Long> awaitBodyLengths(int n) throws InterruptedException {
        synchronized (seen) {
            awaitWhile(() -> bodies.size() < n);
            return List.copyOf(bodies);
        }
    }

    /**
     * Waits until every client connection accepted so far has ended (the gateway closed its
     * pooled connections to this upstream), bounded like {@link #awaitRequests}.
     *
     * @return how many stayed open
     */
    public int awaitConnectionsClosed() throws InterruptedException {
        synchronized (seen) {
            awaitWhile(() -> ended < accepted);
            return accepted - ended;
        }
    }

    /** How many client connections were accepted so far. */
    public int connectionsAccepted() {
        synchronized (seen) {
            return accepted;
        }
    }

    /**
     * Writes {@code bytes} to every connection of the gateway's that is open now, as an upstream
     * that speaks unasked would (a stale answer, a timeout notice before it hangs up).
     *
     * @return how many connections were written to
     */
    public int sayUnasked(String bytes) {
        int told = 0;
        for (Socket client : clients) {
            try {
                client.getOutputStream().write(bytes.getBytes(StandardCharsets.ISO_8859_1));
                client.getOutputStream().flush();
                told++;
            } catch (IOException e) {
                // closed meanwhile: nothing to tell
            }
        }
        return told;
    }

    /** Waits on {@link #seen} (whose lock the caller holds) while {@code pending}, for 20 s at the most. */
    private void awaitWhile(java.util.function.BooleanSupplier pending) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (pending.getAsBoolean()) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return;
            }
            seen.wait(left);
        }
    }

    /** Forgets what was recorded. */
    public void clear() {
        synchronized (seen) {
            seen.clear();
            bodies.clear();
        }
    }

    private void record(Seen request) {
        synchronized (seen) {
            seen.add(request);
            seen.notifyAll();
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                open.add(client);
                clients.add(client);
                synchronized (seen) {
                    accepted++;
                }
                threads.execute(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try {
            relay(client);
        } finally {
            clients.remove(client);
            synchronized (seen) {
                ended++;
                seen.notifyAll();
            }
        }
    }

    private void relay(Socket client) {
        Socket upstream = null;
        try (client) {
            InputStream in = client.getInputStream();
            while (true) {
                byte[] head = readHead(in);
                if (head == null) {
                    return;
                }
                Seen request = parse(head);
                record(request);
                Fault now = fault;
                if (now == Fault.RESET_MID_REQUEST) {
                    in.readNBytes(Math.min(RESET_AFTER_BYTES, in.available()));
                    reset(client);
                    return;
                }
                if (now == Fault.STALL) {
                    in.transferTo(OutputStream.nullOutputStream());
                    return;
                }
                if (now == Fault.GARBAGE) {
                    copyBody(request, in, OutputStream.nullOutputStream());
                    client.getOutputStream().write("SSH-2.0-not-http\r\n\u0001\u0002\r\n\r\n"
                            .getBytes(StandardCharsets.ISO_8859_1));
                    client.getOutputStream().flush();
                    continue;
                }
                if (upstream == null) {
                    upstream = new Socket(target.getAddress(), target.getPort());
                    open.add(upstream);
                    Socket from = upstream;
                    threads.execute(() -> pumpResponses(from, client));
                }
                // The body is read to its end even when the upstream stops taking it (an early error
                // answer), so what the gateway relayed is always counted.
                Tolerant out = new Tolerant(upstream.getOutputStream());
                out.write(head);
                long body = copyBody(request, in, out);
                out.flush();
                synchronized (seen) {
                    bodies.add(body);
                    seen.notifyAll();
                }
                if (out.failed != null) {
                    throw out.failed;
                }
            }
        } catch (IOException e) {
            // A side hung up: the relay ends the connection pair as a proxy would.
        } finally {
            closeQuietly(upstream);
            open.remove(client);
        }
    }

    private void pumpResponses(Socket upstream, Socket client) {
        try {
            InputStream in = upstream.getInputStream();
            OutputStream out = client.getOutputStream();
            byte[] buf = new byte[8192];
            Fault counting = null;
            long relayed = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                // A kept-alive connection outlives the fault it was opened under and the responses it
                // relayed before: a cut counts from the first bytes relayed under the fault now set.
                Fault now = fault;
                if (now != counting) {
                    counting = now;
                    relayed = 0;
                }
                long cut = switch (now) {
                    case CUT_MID_RESPONSE -> CUT_AFTER_BYTES;
                    case CUT_LATE_IN_RESPONSE -> LATE_CUT_AFTER_BYTES;
                    default -> Long.MAX_VALUE;
                };
                if (relayed + n > cut) {
                    out.write(buf, 0, (int) (cut - relayed));
                    out.flush();
                    return;
                }
                out.write(buf, 0, n);
                out.flush();
                relayed += n;
            }
        } catch (IOException e) {
            // Either side closed.
        } finally {
            closeQuietly(client);
            closeQuietly(upstream);
            open.remove(upstream);
        }
    }

    /** Writes through until the first failure, then drops what follows and keeps the failure. */
    private static final class Tolerant extends OutputStream {
        private final OutputStream out;
        private IOException failed;

        Tolerant(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (failed == null) {
                try {
                    out.write(b, off, len);
                } catch (IOException e) {
                    failed = e;
                }
            }
        }

        @Override
        public void flush() {
            write(new byte[0], 0, 0);
            if (failed == null) {
                try {
                    out.flush();
                } catch (IOException e) {
                    failed = e;
                }
            }
        }
    }

    private static void reset(Socket s) throws IOException {
        s.setSoLinger(true, 0);
        s.close();
    }

    /** The head up to and including the blank line, or null at a clean end of stream. */
    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            matched = (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : 0;
            if (matched == 4) {
                return head.toByteArray();
            }
        }
        if (head.size() == 0) {
            return null;
        }
        throw new IOException("connection ended inside a request head");
    }

    private static Seen parse(byte[] head) {
        String[] lines = new String(head, StandardCharsets.ISO_8859_1).split("\r\n");
        List<String> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (!lines[i].isEmpty()) {
                headers.add(lines[i]);
            }
        }
        return new Seen(lines[0], List.copyOf(headers));
    }

    /**
     * Copies the request body as its head frames it: Content-Length bytes, or chunks to the last
     * one; returns the body's length (chunk data only).
     */
    private static long copyBody(Seen request, InputStream in, OutputStream out) throws IOException {
        List<String> te = request.header("transfer-encoding");
        if (!te.isEmpty() && te.get(te.size() - 1).toLowerCase(Locale.ROOT).endsWith("chunked")) {
            long data = 0;
            while (true) {
                String sizeLine = line(in);
                out.write((sizeLine + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                int semi = sizeLine.indexOf(';');
                long size = Long.parseLong((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).strip(), 16);
                if (size == 0) {
                    String trailer;
                    do {
                        trailer = line(in);
                        out.write((trailer + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    } while (!trailer.isEmpty());
                    return data;
                }
                copy(in, out, size + 2);
                data += size;
            }
        }
        List<String> length = request.header("content-length");
        long n = length.isEmpty() ? 0 : Long.parseLong(length.get(0));
        copy(in, out, n);
        return n;
    }

    private static String line(InputStream in) throws IOException {
        String line = RawHttp.readLine(in);
        if (line == null) {
            throw new IOException("connection ended inside a chunked body");
        }
        return line;
    }

    private static void copy(InputStream in, OutputStream out, long n) throws IOException {
        byte[] buf = new byte[8192];
        long left = n;
        while (left > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (r < 0) {
                throw new IOException("connection ended inside a body");
            }
            out.write(buf, 0, r);
            left -= r;
        }
    }

    private static void closeQuietly(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // Closing is all that was wanted.
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) {
            closeQuietly(s);
        }
        threads.shutdownNow();
    }
}
