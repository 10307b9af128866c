package io.capstan.orchestrator.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One listening port of the service proxy: accepts connections and pipes each to the next
 * target in round-robin order; a target that refuses the connection is skipped for the next,
 * so a just-stopped instance costs no failed request.
 */
final class TcpForwarder implements AutoCloseable {
    private final ServerSocket server;
    private final ExecutorService pool;
    private final AtomicInteger next = new AtomicInteger();
    private volatile List<InetSocketAddress> targets = List.of();

    private TcpForwarder(ServerSocket server, String name) {
        this.server = server;
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "proxy " + name);
            t.setDaemon(true);
            return t;
        });
    }

    static TcpForwarder start(InetSocketAddress listen, String name) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(listen, 256);
        TcpForwarder f = new TcpForwarder(s, name);
        f.pool.execute(f::acceptLoop);
        return f;
    }

    void setTargets(List<InetSocketAddress> t) {
        targets = List.copyOf(t);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                pool.execute(() -> forward(client));
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    private void forward(Socket client) {
        Socket upstream = null;
        List<InetSocketAddress> ts = targets;
        int n = ts.size();
        int start = Math.floorMod(next.getAndIncrement(), Math.max(1, n));
        for (int k = 0; k < n && upstream == null; k++) {
            InetSocketAddress t = ts.get((start + k) % n);
            Socket s = new Socket();
            try {
                s.setTcpNoDelay(true);
                s.connect(t, 1000);
                upstream = s;
            } catch (IOException e) {
                closeQuietly(s);
            }
        }
        if (upstream == null) {
            closeQuietly(client);
            return;
        }
        Socket up = upstream;
        try {
            client.setTcpNoDelay(true);
        } catch (IOException ignored) {
            // best effort
        }
        pool.execute(() -> pipe(client, up));
        pipe(up, client);
    }

    private static void pipe(Socket from, Socket to) {
        byte[] buf = new byte[16384];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int r;
            while ((r = in.read(buf)) >= 0) {
                out.write(buf, 0, r);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            closeQuietly(to);
            closeQuietly(from);
            return;
        }
        if (from.isOutputShutdown() || to.isInputShutdown()) {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        pool.shutdownNow();
    }
}
