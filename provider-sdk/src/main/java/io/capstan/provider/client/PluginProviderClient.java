package io.capstan.provider.client;

import io.capstan.provider.client.internal.CallFailures;
import io.capstan.provider.client.internal.GrpcProviderClient5;
import io.capstan.provider.client.internal.GrpcProviderClient6;
import io.capstan.provider.plugin.PluginLaunchSpec;
import io.capstan.provider.plugin.PluginLauncher;
import io.capstan.provider.plugin.PluginProcess;
import io.capstan.provider.plugin.PluginStartException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A {@link ProviderClient} for a provider that runs as a plugin process: the process is
 * started on the first call, reused for every later call, and stopped by {@link #close()}
 * (or, if Capstan exits first, by the plugin reaper's shutdown hook). The protocol
 * version (5 or 6) is whatever the provider picked in the handshake. Failing to start is
 * reported like any other failure: as an error diagnostic in the response.
 */
public final class PluginProviderClient implements ProviderClient {
    private final PluginLaunchSpec spec;
    private final Duration callTimeout;
    private PluginProcess process;
    private ProviderClient delegate;
    private PluginStartException startFailure;
    private boolean closed;

    /**
     * @param callTimeout deadline of each call; a provider that takes longer is reported
     *                    as not responding (applies can be long: choose generously)
     */
    public PluginProviderClient(PluginLaunchSpec spec, Duration callTimeout) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.callTimeout = Objects.requireNonNull(callTimeout, "callTimeout");
    }

    @Override
    public String providerName() {
        return spec.name();
    }

    /** The running plugin, or null before the first call or after a failed start. */
    public synchronized PluginProcess process() {
        return process;
    }

    private synchronized ProviderClient started() throws PluginStartException {
        if (closed) {
            throw new PluginStartException("Provider " + spec.name() + " was already shut down");
        }
        if (startFailure != null) {
            throw startFailure;
        }
        if (delegate == null) {
            try {
                PluginProcess p = PluginLauncher.launch(spec);
                CallFailures failures = new CallFailures(spec.name(), p::exitsWithin, p::describeFailure);
                delegate = switch (p.protocolVersion()) {
                    case 5 -> new GrpcProviderClient5(p.channel(), failures, callTimeout);
                    case 6 -> new GrpcProviderClient6(p.channel(), failures, callTimeout);
                    default -> {
                        p.shutdown(Duration.ZERO);
                        throw new PluginStartException("Provider " + spec.name() + " chose plugin protocol version "
                                + p.protocolVersion() + "; Capstan supports 5 and 6");
                    }
                };
                process = p;
            } catch (PluginStartException e) {
                startFailure = e;
                throw e;
            }
        }
        return delegate;
    }

    private <R> R call(Function<ProviderClient, R> body, Function<List<ProviderDiagnostic>, R> onFailure) {
        ProviderClient c;
        try {
            c = started();
        } catch (PluginStartException e) {
            return onFailure.apply(List.of(ProviderDiagnostic.error("Failed to start provider " + spec.name(),
                    e.getMessage())));
        }
        return body.apply(c);
    }

    @Override
    public GetProviderSchemaResponse getProviderSchema(GetProviderSchemaRequest request) {
        return call(c -> c.getProviderSchema(request), d -> new GetProviderSchemaResponse(null, d));
    }

    @Override
    public ValidateProviderConfigResponse validateProviderConfig(ValidateProviderConfigRequest request) {
        return call(c -> c.validateProviderConfig(request), d -> new ValidateProviderConfigResponse(null, d));
    }

    @Override
    public ValidateResourceConfigResponse validateResourceConfig(ValidateResourceConfigRequest request) {
        return call(c -> c.validateResourceConfig(request), ValidateResourceConfigResponse::new);
    }

    @Override
    public ValidateDataResourceConfigResponse validateDataResourceConfig(ValidateDataResourceConfigRequest request) {
        return call(c -> c.validateDataResourceConfig(request), ValidateDataResourceConfigResponse::new);
    }

    @Override
    public UpgradeResourceStateResponse upgradeResourceState(UpgradeResourceStateRequest request) {
        return call(c -> c.upgradeResourceState(request), d -> new UpgradeResourceStateResponse(null, d));
    }

    @Override
    public ConfigureProviderResponse configureProvider(ConfigureProviderRequest request) {
        return call(c -> c.configureProvider(request), ConfigureProviderResponse::new);
    }

    @Override
    public ReadResourceResponse readResource(ReadResourceRequest request) {
        return call(c -> c.readResource(request), d -> new ReadResourceResponse(null, d, null, null, null));
    }

    @Override
    public PlanResourceChangeResponse planResourceChange(PlanResourceChangeRequest request) {
        return call(c -> c.planResourceChange(request),
                d -> new PlanResourceChangeResponse(null, null, null, d, false, null, null));
    }

    @Override
    public ApplyResourceChangeResponse applyResourceChange(ApplyResourceChangeRequest request) {
        return call(c -> c.applyResourceChange(request), d -> new ApplyResourceChangeResponse(null, null, d, false, null));
    }

    @Override
    public ImportResourceStateResponse importResourceState(ImportResourceStateRequest request) {
        return call(c -> c.importResourceState(request), d -> new ImportResourceStateResponse(null, d, null));
    }

    @Override
    public MoveResourceStateResponse moveResourceState(MoveResourceStateRequest request) {
        return call(c -> c.moveResourceState(request), d -> new MoveResourceStateResponse(null, d, null, null));
    }

    @Override
    public ReadDataSourceResponse readDataSource(ReadDataSourceRequest request) {
        return call(c -> c.readDataSource(request), d -> new ReadDataSourceResponse(null, d, null));
    }

    @Override
    public GetFunctionsResponse getFunctions(GetFunctionsRequest request) {
        return call(c -> c.getFunctions(request), d -> new GetFunctionsResponse(null, d));
    }

    @Override
    public CallFunctionResponse callFunction(CallFunctionRequest request) {
        return call(c -> c.callFunction(request), d -> new CallFunctionResponse(null, null, d));
    }

    @Override
    public StopProviderResponse stopProvider(StopProviderRequest request) {
        return call(c -> c.stopProvider(request), d -> new StopProviderResponse(null, d));
    }

    /** Shuts the plugin down: GRPCController.Shutdown, then a kill after 5 seconds. */
    @Override
    public synchronized void close() {
        closed = true;
        if (process != null) {
            process.shutdown(Duration.ofSeconds(5));
        }
    }
}
