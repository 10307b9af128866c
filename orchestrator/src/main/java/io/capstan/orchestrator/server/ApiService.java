package io.capstan.orchestrator.server;

import io.capstan.orchestrator.api.Kind;
import io.capstan.orchestrator.api.Validation;
import io.capstan.orchestrator.api.v1.CreateTokenRequest;
import io.capstan.orchestrator.api.v1.CreateTokenResponse;
import io.capstan.orchestrator.api.v1.DeleteRequest;
import io.capstan.orchestrator.api.v1.GetRequest;
import io.capstan.orchestrator.api.v1.ListRequest;
import io.capstan.orchestrator.api.v1.ListResponse;
import io.capstan.orchestrator.api.v1.LogsRequest;
import io.capstan.orchestrator.api.v1.LogsResponse;
import io.capstan.orchestrator.api.v1.ApiObject;
import io.capstan.orchestrator.api.v1.OrchestratorGrpc;
import io.capstan.orchestrator.api.v1.WatchEvent;
import io.capstan.orchestrator.api.v1.WatchRequest;
import io.capstan.orchestrator.api.v1.WhoAmIRequest;
import io.capstan.orchestrator.api.v1.WhoAmIResponse;
import io.capstan.orchestrator.security.Authorizer;
import io.capstan.orchestrator.security.Authorizer.Verb;
import io.capstan.orchestrator.security.Principal;
import io.capstan.orchestrator.security.Role;
import io.capstan.orchestrator.security.TokenRegistry;
import io.capstan.orchestrator.store.Registry;
import io.capstan.orchestrator.store.Store;
import io.capstan.orchestrator.store.StoreEvent;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The gRPC API: create/get/list/update/delete/watch for every kind, behind tokens and roles. */
public final class ApiService extends OrchestratorGrpc.OrchestratorImplBase {
    private final Registry registry;
    private final TokenRegistry tokens;
    private final LogFetcher logs;
    private final Heartbeats heartbeats;

    public ApiService(Registry registry, TokenRegistry tokens, LogFetcher logs, Heartbeats heartbeats) {
        this.registry = Objects.requireNonNull(registry);
        this.tokens = Objects.requireNonNull(tokens);
        this.logs = Objects.requireNonNull(logs);
        this.heartbeats = Objects.requireNonNull(heartbeats);
    }

    private static Principal principal() {
        return AuthInterceptor.PRINCIPAL.get();
    }

    private static Kind kind(String text) {
        return Kind.parse(text).orElseThrow(() -> Status.INVALID_ARGUMENT
                .withDescription("kind: unknown kind \"" + text + "\"").asRuntimeException());
    }

    private static void authorize(Verb verb, Kind kind, String namespace) {
        Optional<String> denied = Authorizer.check(principal(), verb, kind, namespace);
        if (denied.isPresent()) {
            throw Status.PERMISSION_DENIED.withDescription(denied.get()).asRuntimeException();
        }
    }

    private static StatusRuntimeException failure(Registry.Outcome out) {
        Status s = switch (out.status()) {
            case CONFLICT -> Status.ABORTED;
            case NOT_FOUND -> Status.NOT_FOUND;
            case EXISTS -> Status.ALREADY_EXISTS;
            case OK -> Status.OK;
        };
        return s.withDescription(out.message()).asRuntimeException();
    }

    private static void validate(ApiObject o) {
        List<String> errs = Validation.validate(o);
        if (!errs.isEmpty()) {
            throw Status.INVALID_ARGUMENT.withDescription(String.join("; ", errs)).asRuntimeException();
        }
    }

    private <T> void run(StreamObserver<T> obs, java.util.function.Supplier<T> body) {
        try {
            obs.onNext(body.get());
            obs.onCompleted();
        } catch (StatusRuntimeException e) {
            obs.onError(e);
        } catch (RuntimeException e) {
            obs.onError(Status.INTERNAL.withDescription(e.getMessage()).asRuntimeException());
        }
    }

    @Override
    public void create(ApiObject req, StreamObserver<ApiObject> obs) {
        run(obs, () -> {
            validate(req);
            Kind k = kind(req.getKind());
            authorize(Verb.WRITE, k, req.getMetadata().getNamespace());
            ApiObject o = req;
            if (k == Kind.DEPLOYMENT) {
                o = o.toBuilder().setDeployment(o.getDeployment().toBuilder().clearStatus()).build();
            }
            if (k.namespaced() && !k.namespaceOf(o.getMetadata().getNamespace()).equals("default")
                    && registry.get(Kind.NAMESPACE, "", k.namespaceOf(o.getMetadata().getNamespace())).isEmpty()) {
                throw Status.NOT_FOUND.withDescription("metadata.namespace: namespace \"" + o.getMetadata().getNamespace()
                        + "\" does not exist; create it first").asRuntimeException();
            }
            if (k == Kind.NODE) {
                o = heartbeats.stamp(o);
            }
            Registry.Outcome out = registry.create(o);
            if (!out.ok()) {
                throw failure(out);
            }
            return out.object();
        });
    }

    @Override
    public void get(GetRequest req, StreamObserver<ApiObject> obs) {
        run(obs, () -> {
            Kind k = kind(req.getKind());
            authorize(Verb.READ, k, req.getNamespace());
            return registry.get(k, req.getNamespace(), req.getName()).orElseThrow(() -> Status.NOT_FOUND
                    .withDescription(k.wireName() + " \"" + req.getName() + "\" not found"
                            + (k.namespaced() ? " in namespace \"" + k.namespaceOf(req.getNamespace()) + "\"" : ""))
                    .asRuntimeException());
        });
    }

    @Override
    public void list(ListRequest req, StreamObserver<ListResponse> obs) {
        run(obs, () -> {
            Kind k = kind(req.getKind());
            String ns = req.getNamespace().equals("*") ? null : req.getNamespace();
            authorize(Verb.READ, k, ns);
            Registry.Listing l = registry.list(k, ns);
            ListResponse.Builder b = ListResponse.newBuilder().setRevision(l.revision());
            for (ApiObject o : l.items()) {
                if (matches(o, req.getLabelSelectorMap())) {
                    b.addItems(o);
                }
            }
            return b.build();
        });
    }

    private static boolean matches(ApiObject o, Map<String, String> selector) {
        for (var e : selector.entrySet()) {
            if (!e.getValue().equals(o.getMetadata().getLabelsMap().get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void update(ApiObject req, StreamObserver<ApiObject> obs) {
        run(obs, () -> {
            validate(req);
            Kind k = kind(req.getKind());
            authorize(Verb.WRITE, k, req.getMetadata().getNamespace());
            if (req.getMetadata().getResourceVersion() <= 0) {
                throw Status.INVALID_ARGUMENT.withDescription(
                        "metadata.resource_version: required for an update (updates are compare-and-set)").asRuntimeException();
            }
            ApiObject o = req;
            if (k == Kind.DEPLOYMENT) {
                // status (revision history, progress) belongs to the controller: keep the stored one
                Optional<ApiObject> cur = registry.get(k, req.getMetadata().getNamespace(), req.getMetadata().getName());
                if (cur.isPresent()) {
                    o = o.toBuilder().setDeployment(o.getDeployment().toBuilder()
                            .setStatus(cur.get().getDeployment().getStatus())).build();
                }
            }
            if (k == Kind.NODE) {
                o = heartbeats.stamp(o);
            }
            Registry.Outcome out = registry.update(o, false);
            if (!out.ok()) {
                throw failure(out);
            }
            return out.object();
        });
    }

    @Override
    public void delete(DeleteRequest req, StreamObserver<ApiObject> obs) {
        run(obs, () -> {
            Kind k = kind(req.getKind());
            authorize(Verb.WRITE, k, req.getNamespace());
            Registry.Outcome out = registry.delete(k, k.namespaceOf(req.getNamespace()), req.getName(), req.getResourceVersion());
            if (!out.ok()) {
                throw failure(out);
            }
            return out.object();
        });
    }

    @Override
    public void watch(WatchRequest req, StreamObserver<WatchEvent> obs) {
        Store.Watch w;
        try {
            Kind k = kind(req.getKind());
            String ns = req.getNamespace().isEmpty() || req.getNamespace().equals("*") ? null : req.getNamespace();
            authorize(Verb.READ, k, ns);
            long from = req.getFromRevision() > 0 ? req.getFromRevision() : registry.store().revision();
            ServerCallStreamObserver<WatchEvent> sobs = (ServerCallStreamObserver<WatchEvent>) obs;
            Object lock = new Object();
            synchronized (lock) {
                sobs.onNext(WatchEvent.newBuilder().setType("BOOKMARK").setRevision(from).build());
            }
            w = registry.watch(k, ns, from, e -> {
                synchronized (lock) {
                    if (sobs.isCancelled()) {
                        throw new IllegalStateException("watcher went away");
                    }
                    sobs.onNext(WatchEvent.newBuilder().setType(e.type() == StoreEvent.Type.PUT ? "PUT" : "DELETE")
                            .setObject(e.object()).setRevision(e.revision()).build());
                }
            }, why -> {
                // the store's watch stopped (its history was compacted away): the client must list and watch again
                synchronized (lock) {
                    Status s = why instanceof Store.CompactedException ? Status.OUT_OF_RANGE : Status.UNAVAILABLE;
                    try {
                        sobs.onError(s.withDescription(String.valueOf(why.getMessage())).asRuntimeException());
                    } catch (IllegalStateException alreadyClosed) {
                        // the client went away first (that is what made the listener throw)
                    }
                }
            });
            sobs.setOnCancelHandler(w::close);
        } catch (StatusRuntimeException e) {
            obs.onError(e);
        } catch (Store.CompactedException e) {
            obs.onError(Status.OUT_OF_RANGE.withDescription(e.getMessage()).asRuntimeException());
        }
    }

    @Override
    public void createToken(CreateTokenRequest req, StreamObserver<CreateTokenResponse> obs) {
        run(obs, () -> {
            if (principal().role() != Role.ADMIN) {
                throw Status.PERMISSION_DENIED.withDescription("only an admin may create tokens").asRuntimeException();
            }
            Role role = Role.parse(req.getRole()).orElseThrow(() -> Status.INVALID_ARGUMENT
                    .withDescription("role: \"" + req.getRole() + "\" must be admin, deployer, viewer or agent").asRuntimeException());
            if (role == Role.DEPLOYER && req.getNamespacesCount() == 0) {
                throw Status.INVALID_ARGUMENT.withDescription("namespaces: a deployer token needs at least one namespace").asRuntimeException();
            }
            String name = req.getName().isEmpty() ? role.label() : req.getName();
            return CreateTokenResponse.newBuilder().setToken(tokens.create(new Principal(name, role, req.getNamespacesList()))).build();
        });
    }

    @Override
    public void whoAmI(WhoAmIRequest req, StreamObserver<WhoAmIResponse> obs) {
        run(obs, () -> WhoAmIResponse.newBuilder().setName(principal().name()).setRole(principal().role().label())
                .addAllNamespaces(principal().namespaces()).build());
    }

    @Override
    public void logs(LogsRequest req, StreamObserver<LogsResponse> obs) {
        run(obs, () -> {
            authorize(Verb.READ, Kind.INSTANCE, req.getNamespace());
            ApiObject inst = registry.get(Kind.INSTANCE, req.getNamespace(), req.getInstance()).orElseThrow(() -> Status.NOT_FOUND
                    .withDescription("Instance \"" + req.getInstance() + "\" not found").asRuntimeException());
            String node = inst.getInstance().getSpec().getNode();
            if (node.isEmpty()) {
                throw Status.FAILED_PRECONDITION.withDescription("instance \"" + req.getInstance() + "\" is not scheduled yet: no logs").asRuntimeException();
            }
            ApiObject n = registry.get(Kind.NODE, "", node).orElseThrow(() -> Status.UNAVAILABLE
                    .withDescription("node \"" + node + "\" is gone").asRuntimeException());
            String text = logs.fetch(n.getNode().getStatus().getLogEndpoint(), inst.getMetadata().getNamespace(),
                    inst.getMetadata().getName(), req.getTailLines());
            return LogsResponse.newBuilder().setText(text).build();
        });
    }
}
