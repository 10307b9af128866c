package io.capstan.provider.client;

/**
 * Request of the GetFunctions call: list the provider-defined functions.
 */
public record GetFunctionsRequest() {

    public static final GetFunctionsRequest INSTANCE = new GetFunctionsRequest();
}
