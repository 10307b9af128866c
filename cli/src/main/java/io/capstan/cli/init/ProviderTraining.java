package io.capstan.cli.init;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.capstan.provider.client.internal.Schemas5;
import io.capstan.provider.install.LockFile;
import io.capstan.provider.install.VersionConstraints;
import io.capstan.provider.plugin.PluginCertificate;
import io.capstan.provider.proto.tfplugin5.GetProviderSchema;
import io.capstan.provider.proto.tfplugin5.Schema;
import io.capstan.provider.schema.ProviderSchemaJson;
import io.capstan.provider.plugin.HandshakeConfig;
import io.capstan.provider.plugin.HandshakeLine;
import io.capstan.provider.plugin.PluginServer;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NegotiationType;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import java.io.PrintStream;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Part of {@code bin/capstan}'s class-data-sharing training run ({@code io.capstan.cli.Train}):
 * exercises, without processes, network or files, the code paths of {@code init} and
 * {@code providers schema -json} that run before and after a provider answers — lock file and
 * constraint parsing, the plugin client certificate (BouncyCastle), a TLS gRPC channel that
 * is never connected, protobuf schema decoding and the streamed JSON writer — so that their
 * classes come from the archive instead of being loaded and verified on every run while the
 * provider waits to be started.
 */
public final class ProviderTraining {
    private ProviderTraining() {
    }

    /**
     * A go-plugin style connection inside this JVM: a plugin server on a unix socket with
     * automatic mutual TLS, and a client channel like the provider client's making the
     * health check every provider start begins with.
     */
    private static void tlsRoundTrip() throws Exception {
        PluginCertificate client = PluginCertificate.generate();
        HandshakeConfig hc = HandshakeConfig.TERRAFORM;
        Map<String, String> env = Map.of(hc.cookieKey(), hc.cookieValue(), "PLUGIN_PROTOCOL_VERSIONS", "5",
                "PLUGIN_CLIENT_CERT", client.certificatePem());
        PluginServer server = PluginServer.start(env, new PrintStream(OutputStream.nullOutputStream()), hc,
                Map.of(5, List.of()), Epoll.isAvailable());
        EventLoopGroup loop = null;
        ManagedChannel ch = null;
        try {
            HandshakeLine hs = server.handshakeLine();
            NettyChannelBuilder b;
            if (hs.network().equals("unix")) {
                loop = new EpollEventLoopGroup(1);
                b = NettyChannelBuilder.forAddress(new DomainSocketAddress(hs.address())).eventLoopGroup(loop)
                        .channelType(EpollDomainSocketChannel.class).withOption(ChannelOption.SO_KEEPALIVE, null);
            } else {
                int colon = hs.address().lastIndexOf(':');
                b = NettyChannelBuilder.forAddress(hs.address().substring(0, colon),
                        Integer.parseInt(hs.address().substring(colon + 1)));
            }
            X509Certificate serverCert = PluginCertificate.parseDer(hs.serverCertDer());
            // the provider client's own context (PluginTls), so the archive holds the classes it uses
            b.sslContext(io.capstan.provider.plugin.PluginTls.client(client, serverCert))
                    .negotiationType(NegotiationType.TLS).overrideAuthority("localhost");
            ch = b.build();
            HealthGrpc.newBlockingStub(ch).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.newBuilder().setService("plugin").build());
        } finally {
            if (ch != null) {
                ch.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
            if (loop != null) {
                loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            }
            server.stop();
        }
    }

    public static void run() throws Exception {
        LockFile.parse(("provider \"registry.terraform.io/hashicorp/x\" {\n  version     = \"1.0.0\"\n"
                + "  constraints = \"~> 1.0\"\n  hashes = [\n    \"h1:x\",\n  ]\n}\n").getBytes(StandardCharsets.UTF_8),
                LockFile.FILE_NAME).value().render();
        VersionConstraints.parse(">= 1.0, < 2.0").constraints().toString();
        tlsRoundTrip();
        Schema.Block block = Schema.Block.newBuilder().addAttributes(Schema.Attribute.newBuilder().setName("id")
                .setType(com.google.protobuf.ByteString.copyFromUtf8("\"string\"")).setComputed(true)
                .setDescription("a <b> & c")).build();
        GetProviderSchema.Response r = GetProviderSchema.Response.parseFrom(GetProviderSchema.Response.newBuilder()
                .setProvider(Schema.newBuilder().setBlock(block))
                .putResourceSchemas("x_thing", Schema.newBuilder().setBlock(block).build()).build().toByteArray());
        try (JsonGenerator g = new ObjectMapper().getFactory().createGenerator(OutputStream.nullOutputStream())) {
            g.setCharacterEscapes(ProviderSchemas.GoEscapes.INSTANCE);
            ProviderSchemaJson.write(g, Map.of("registry.terraform.io/hashicorp/x", Schemas5.decode(r)));
        }
    }
}
