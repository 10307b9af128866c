package io.capstan.providers.local;

import io.capstan.provider.sdk.ProviderMain;

/** The provider executable's entry point. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        ProviderMain.serve(LocalProvider.create());
    }
}
