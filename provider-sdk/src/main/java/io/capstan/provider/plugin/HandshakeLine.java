package io.capstan.provider.plugin;

import java.util.Base64;
import java.util.Objects;

/**
 * The single line a go-plugin server prints on stdout once it listens:
 * {@code CORE-VERSION|APP-VERSION|NETWORK|ADDR|PROTOCOL|CERT}, e.g.
 * {@code 1|5|unix|/tmp/plugin123|grpc|MIIB...}. {@code CERT} (optional) is the server's
 * certificate for automatic mutual TLS, base64 DER without padding.
 *
 * @param serverCertDer null when the plugin did not enable TLS
 */
public record HandshakeLine(int coreVersion, int appVersion, String network, String address,
                            String protocol, byte[] serverCertDer) {
    public HandshakeLine {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(protocol, "protocol");
    }

    /**
     * Parses and checks a handshake line.
     *
     * @throws IllegalArgumentException with a message saying what is wrong with the line
     */
    public static HandshakeLine parse(String line) {
        String trimmed = line.strip();
        String[] parts = trimmed.split("\\|", -1);
        if (parts.length < 4) {
            throw new IllegalArgumentException("expected CORE-VERSION|APP-VERSION|NETWORK|ADDR|PROTOCOL, got \""
                    + abbreviate(trimmed) + "\"");
        }
        int core = number(parts[0], "core protocol version");
        if (core != HandshakeConfig.CORE_PROTOCOL_VERSION) {
            throw new IllegalArgumentException("unsupported go-plugin core protocol version " + core
                    + " (Capstan speaks " + HandshakeConfig.CORE_PROTOCOL_VERSION + ")");
        }
        int app = number(parts[1], "application protocol version");
        String network = parts[2];
        if (!network.equals("unix") && !network.equals("tcp")) {
            throw new IllegalArgumentException("unsupported network type \"" + network + "\" (expected unix or tcp)");
        }
        if (parts[3].isEmpty()) {
            throw new IllegalArgumentException("empty network address");
        }
        String protocol = parts.length > 4 && !parts[4].isEmpty() ? parts[4] : "netrpc";
        if (!protocol.equals("grpc")) {
            throw new IllegalArgumentException("plugin wants protocol \"" + protocol + "\"; only grpc is supported");
        }
        byte[] cert = null;
        if (parts.length > 5 && !parts[5].isEmpty()) {
            try {
                // go-plugin writes base64.RawStdEncoding (no padding); the decoder accepts both.
                cert = Base64.getDecoder().decode(parts[5]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("server certificate is not valid base64: " + e.getMessage());
            }
        }
        return new HandshakeLine(core, app, network, parts[3], protocol, cert);
    }

    /** The line as a go-plugin server prints it (without the newline). */
    public String format() {
        String base = coreVersion + "|" + appVersion + "|" + network + "|" + address + "|" + protocol;
        return serverCertDer == null ? base
                : base + "|" + Base64.getEncoder().withoutPadding().encodeToString(serverCertDer);
    }

    private static int number(String s, String what) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " is not a number: \"" + abbreviate(s) + "\"");
        }
    }

    static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
