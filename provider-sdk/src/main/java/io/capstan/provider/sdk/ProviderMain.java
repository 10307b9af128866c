package io.capstan.provider.sdk;

import io.capstan.provider.plugin.HandshakeConfig;
import io.capstan.provider.plugin.PluginServer;
import io.grpc.BindableService;
import java.util.List;
import java.util.Map;

/**
 * The {@code main} of a provider built on the SDK: performs the go-plugin handshake with
 * whichever host launched it (Terraform or Capstan), serves protocols 6 and 5, and exits
 * when the host shuts it down. {@code public static void main(String[] a) {
 * ProviderMain.serve(MyProvider.create()); }}
 */
public final class ProviderMain {
    private ProviderMain() {
    }

    /** The services of both protocol versions for one provider. */
    public static Map<Integer, List<BindableService>> services(Provider provider) {
        ProviderService6 v6 = new ProviderService6(new SdkProvider(provider));
        return Map.of(6, List.of(v6), 5, List.of(new ProviderService5(v6)));
    }

    public static void serve(Provider provider) {
        // Go plugins listen on a unix socket; loopback TCP works for every host and needs no native transport.
        boolean unix = "unix".equals(System.getenv("CAPSTAN_PROVIDER_NETWORK"));
        System.exit(PluginServer.serveUntilShutdown(HandshakeConfig.TERRAFORM, services(provider), unix));
    }
}
