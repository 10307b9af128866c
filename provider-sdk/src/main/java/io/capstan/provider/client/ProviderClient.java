package io.capstan.provider.client;

/**
 * Capstan's view of one running provider, one method per plugin-protocol call, the same
 * for protocol 5 and 6 (the implementation translates names such as PrepareProviderConfig
 * ⇄ ValidateProviderConfig). Calls never throw for provider or transport failures: a
 * provider that errs, crashes or does not answer in time yields a response whose
 * diagnostics say so, naming the provider and quoting the tail of its stderr.
 */
public interface ProviderClient extends AutoCloseable {

    /** The provider's name for messages, e.g. {@code registry.terraform.io/hashicorp/aws}. */
    String providerName();

    GetProviderSchemaResponse getProviderSchema(GetProviderSchemaRequest request);

    ValidateProviderConfigResponse validateProviderConfig(ValidateProviderConfigRequest request);

    ValidateResourceConfigResponse validateResourceConfig(ValidateResourceConfigRequest request);

    ValidateDataResourceConfigResponse validateDataResourceConfig(ValidateDataResourceConfigRequest request);

    UpgradeResourceStateResponse upgradeResourceState(UpgradeResourceStateRequest request);

    ConfigureProviderResponse configureProvider(ConfigureProviderRequest request);

    ReadResourceResponse readResource(ReadResourceRequest request);

    PlanResourceChangeResponse planResourceChange(PlanResourceChangeRequest request);

    ApplyResourceChangeResponse applyResourceChange(ApplyResourceChangeRequest request);

    ImportResourceStateResponse importResourceState(ImportResourceStateRequest request);

    MoveResourceStateResponse moveResourceState(MoveResourceStateRequest request);

    ReadDataSourceResponse readDataSource(ReadDataSourceRequest request);

    GetFunctionsResponse getFunctions(GetFunctionsRequest request);

    CallFunctionResponse callFunction(CallFunctionRequest request);

    StopProviderResponse stopProvider(StopProviderRequest request);

    /** Shuts the provider process down (gracefully, then forcibly); idempotent. */
    @Override
    void close();
}
