package io.capstan.orchestrator.proxy;

import io.capstan.orchestrator.api.v1.ApiObject;
import io.capstan.orchestrator.api.v1.Endpoint;
import io.capstan.orchestrator.api.v1.ListRequest;
import io.capstan.orchestrator.api.v1.ServicePort;
import io.capstan.orchestrator.client.Connection;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The node's service proxy: for every service port it listens on this node's address at that
 * port and forwards each TCP connection, round-robin, to the service's ready endpoints. Its
 * endpoint lists follow the Endpoints objects, so an instance being drained stops receiving
 * new connections before its agent stops it.
 */
public final class ServiceProxy implements AutoCloseable {
    private final Connection conn;
    private final String address;
    private final Map<String, TcpForwarder> forwarders = new ConcurrentHashMap<>();
    private final Semaphore wake = new Semaphore(0);
    private final Thread thread;
    private volatile boolean closed;

    public ServiceProxy(Connection conn, String address) {
        this.conn = Objects.requireNonNull(conn);
        this.address = Objects.requireNonNull(address);
        this.thread = new Thread(this::loop, "service-proxy");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    public void wake() {
        wake.release();
    }

    private void loop() {
        while (!closed) {
            try {
                wake.tryAcquire(1000, TimeUnit.MILLISECONDS);
                wake.drainPermits();
                refresh();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // server unreachable: keep forwarding to the endpoints we know
            }
        }
    }

    private void refresh() {
        List<ApiObject> services = conn.blocking().list(ListRequest.newBuilder().setKind("Service").setNamespace("*").build()).getItemsList();
        Map<String, ApiObject> endpoints = new HashMap<>();
        for (ApiObject e : conn.blocking().list(ListRequest.newBuilder().setKind("Endpoints").setNamespace("*").build()).getItemsList()) {
            endpoints.put(e.getMetadata().getNamespace() + "/" + e.getMetadata().getName(), e);
        }
        Set<String> wanted = new HashSet<>();
        for (ApiObject svc : services) {
            String id = svc.getMetadata().getNamespace() + "/" + svc.getMetadata().getName();
            ApiObject eps = endpoints.get(id);
            for (ServicePort p : svc.getService().getSpec().getPortsList()) {
                String key = id + ":" + p.getPort();
                wanted.add(key);
                List<InetSocketAddress> targets = new ArrayList<>();
                if (eps != null) {
                    for (Endpoint ep : eps.getEndpoints().getReadyList()) {
                        if (ep.getPortName().equals(p.getTargetPort())) {
                            targets.add(new InetSocketAddress(ep.getAddress(), ep.getPort()));
                        }
                    }
                }
                TcpForwarder f = forwarders.get(key);
                if (f == null) {
                    try {
                        f = TcpForwarder.start(new InetSocketAddress(address, p.getPort()), key);
                        forwarders.put(key, f);
                    } catch (java.io.IOException e) {
                        continue; // port taken: try again on the next refresh
                    }
                }
                f.setTargets(targets);
            }
        }
        for (var e : new HashMap<>(forwarders).entrySet()) {
            if (!wanted.contains(e.getKey())) {
                forwarders.remove(e.getKey()).close();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        for (TcpForwarder f : forwarders.values()) {
            f.close();
        }
        forwarders.clear();
    }
}
