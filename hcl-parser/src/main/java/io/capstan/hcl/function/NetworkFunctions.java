package io.capstan.hcl.function;

import io.capstan.hcl.value.BigNumber;
import io.capstan.hcl.value.Type;
import io.capstan.hcl.value.Value;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * cidrhost, cidrnetmask, cidrsubnet and cidrsubnets, reproducing the arithmetic of the
 * go-cidr library Terraform uses (including its treatment of negative numbers and of
 * IPv4-mapped IPv6 prefixes).
 */
final class NetworkFunctions {
    private NetworkFunctions() {
    }

    /** A parsed CIDR: the masked network address as an integer, its byte length, prefix length. */
    record Cidr(BigInteger ip, int bytes, int prefix) {
        int bits() {
            return bytes * 8;
        }

        BigInteger mask(int len) {
            return BigInteger.ONE.shiftLeft(bits()).subtract(BigInteger.ONE)
                    .xor(BigInteger.ONE.shiftLeft(bits() - len).subtract(BigInteger.ONE));
        }

        @Override
        public String toString() {
            return ipString(ip, bytes) + "/" + prefix;
        }
    }

    static void register(FunctionRegistry r) {
        r.add(Function.builder("cidrhost").param("prefix", Type.STRING).param("hostnum", Type.NUMBER)
                .returns(Type.STRING).impl((args, ret, ctx) -> {
                    Cidr c = parseCidr(Args.str(args, 0), -1);
                    BigInteger num = wholeNumber(Args.num(args, 1));
                    int hostLen = c.bits() - c.prefix();
                    BigInteger max = BigInteger.ONE.shiftLeft(hostLen).subtract(BigInteger.ONE);
                    BigInteger check = num;
                    if (num.signum() < 0) {
                        check = num.negate().subtract(BigInteger.ONE);
                        num = max.subtract(check);
                    }
                    if (check.compareTo(max) > 0) {
                        throw new FunctionException("prefix of " + c.prefix() + " does not accommodate a host numbered " + num);
                    }
                    int bitlength = isV4(c) ? 32 : 128;
                    BigInteger ip = c.ip().or(num.shiftLeft(c.bits() - bitlength));
                    return Value.of(ipString(ip.abs(), c.bytes()));
                }).build());
        r.add(Function.builder("cidrnetmask").param("prefix", Type.STRING).returns(Type.STRING).impl((args, ret, ctx) -> {
            Cidr c = parseCidr(Args.str(args, 0), -1);
            if (c.bytes() != 4) {
                throw new FunctionException("only IPv4 networks are supported");
            }
            return Value.of(ipString(c.mask(c.prefix()), 4));
        }).build());
        r.add(Function.builder("cidrsubnet").param("prefix", Type.STRING).param("newbits", Type.NUMBER)
                .param("netnum", Type.NUMBER).returns(Type.STRING).impl((args, ret, ctx) -> {
                    Cidr c = parseCidr(Args.str(args, 0), -1);
                    int newbits = Args.integer(args, 1);
                    BigInteger num = wholeNumber(Args.num(args, 2));
                    int newLen = c.prefix() + newbits;
                    if (newLen > c.bits()) {
                        throw new FunctionException("insufficient address space to extend prefix of " + c.prefix() + " by " + newbits);
                    }
                    BigInteger maxNet = BigInteger.ONE.shiftLeft(newbits).subtract(BigInteger.ONE);
                    if (num.abs().compareTo(maxNet) > 0) {
                        throw new FunctionException("prefix extension of " + newbits + " does not accommodate a subnet numbered " + num);
                    }
                    BigInteger ip = c.ip().or(num.shiftLeft(c.bits() - newLen));
                    return Value.of(ipString(ip.abs(), c.bytes()) + "/" + newLen);
                }).build());
        r.add(Function.builder("cidrsubnets").param("prefix", Type.STRING).variadic(Parameter.of("newbits", Type.NUMBER))
                .returns(Type.list(Type.STRING)).impl((args, ret, ctx) -> {
                    Cidr network = parseCidr(Args.str(args, 0), 0);
                    if (args.size() == 1) {
                        return Value.list(Type.STRING, List.of());
                    }
                    int first = Args.integerArg(args, 1) + network.prefix();
                    Cidr current = previous(network, first);
                    List<Value> out = new ArrayList<>();
                    for (int i = 1; i < args.size(); i++) {
                        int length = Args.integerArg(args, i);
                        if (length < 1) {
                            throw new FunctionException(i, "must extend prefix by at least one bit");
                        }
                        if (length > 32) {
                            throw new FunctionException(i, "may not extend prefix by more than 32 bits");
                        }
                        length += network.prefix();
                        if (length > network.bits()) {
                            throw new FunctionException(i, "would extend prefix to " + length + " bits, which is too long for an "
                                    + (network.bytes() == 4 ? "IPv4" : "IPv6") + " address");
                        }
                        Cidr next = next(current, length);
                        boolean rollover = next.ip().signum() == 0;
                        if (rollover || !contains(network, next.ip())) {
                            throw new FunctionException(i, "not enough remaining address space for a subnet with a prefix of "
                                    + length + " bits after " + current);
                        }
                        current = next;
                        out.add(Value.of(current.toString()));
                    }
                    return Value.list(Type.STRING, out);
                }).build());
    }

    private static boolean isV4(Cidr c) {
        if (c.bytes() == 4) {
            return true;
        }
        return c.ip().shiftRight(32).equals(BigInteger.valueOf(0xffff));
    }

    private static boolean contains(Cidr n, BigInteger ip) {
        BigInteger m = n.mask(n.prefix());
        return ip.and(m).equals(n.ip());
    }

    private static Cidr previous(Cidr n, int prefix) {
        BigInteger modulus = BigInteger.ONE.shiftLeft(n.bits());
        BigInteger dec = n.ip().subtract(BigInteger.ONE).mod(modulus);
        return new Cidr(dec.and(n.mask(prefix)), n.bytes(), prefix);
    }

    private static Cidr next(Cidr cur, int prefix) {
        BigInteger last = cur.ip().or(cur.mask(cur.prefix()).not().and(BigInteger.ONE.shiftLeft(cur.bits()).subtract(BigInteger.ONE)));
        BigInteger m = cur.mask(prefix);
        BigInteger subnet = last.and(m);
        BigInteger subLast = subnet.or(m.not().and(BigInteger.ONE.shiftLeft(cur.bits()).subtract(BigInteger.ONE)));
        BigInteger inc = subLast.add(BigInteger.ONE).mod(BigInteger.ONE.shiftLeft(cur.bits()));
        return new Cidr(inc.and(m), cur.bytes(), prefix);
    }

    private static BigInteger wholeNumber(BigNumber n) {
        if (!n.isInteger()) {
            throw new FunctionException("value must be a whole number, between -9223372036854775808 and 9223372036854775807");
        }
        return n.toBigInteger();
    }

    static Cidr parseCidr(String s, int argIndex) {
        int slash = s.indexOf('/');
        String err = "invalid CIDR address: " + s;
        if (slash < 0) {
            throw new FunctionException(argIndex, err);
        }
        String addr = s.substring(0, slash);
        String len = s.substring(slash + 1);
        byte[] b = addr.contains(":") ? parseV6(addr) : parseV4(addr);
        if (b == null || !len.matches("\\d{1,3}")) {
            throw new FunctionException(argIndex, err);
        }
        int prefix = Integer.parseInt(len);
        int bits = b.length * 8;
        if (addr.contains(":") && isMapped(b) && false) {
            bits = 128;
        }
        if (prefix > bits) {
            throw new FunctionException(argIndex, err);
        }
        BigInteger ip = new BigInteger(1, b);
        Cidr c = new Cidr(ip, b.length, prefix);
        return new Cidr(ip.and(c.mask(prefix)), b.length, prefix);
    }

    private static boolean isMapped(byte[] b) {
        return b.length == 16;
    }

    static byte[] parseV4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (!parts[i].matches("\\d{1,3}")) {
                return null;
            }
            int v = Integer.parseInt(parts[i]);
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    static byte[] parseV6(String s) {
        byte[] tail4 = null;
        String t = s;
        int lastColon = t.lastIndexOf(':');
        if (t.substring(lastColon + 1).contains(".")) {
            tail4 = parseV4(t.substring(lastColon + 1));
            if (tail4 == null) {
                return null;
            }
            t = t.substring(0, lastColon + 1) + "0:0";
        }
        String[] halves = t.split("::", -1);
        if (halves.length > 2) {
            return null;
        }
        List<Integer> head = groups(halves[0]);
        List<Integer> tail = halves.length == 2 ? groups(halves[1]) : List.of();
        if (head == null || tail == null) {
            return null;
        }
        int total = head.size() + tail.size();
        if (halves.length == 1 && total != 8 || halves.length == 2 && total > 7) {
            return null;
        }
        int[] g = new int[8];
        for (int i = 0; i < head.size(); i++) {
            g[i] = head.get(i);
        }
        for (int i = 0; i < tail.size(); i++) {
            g[8 - tail.size() + i] = tail.get(i);
        }
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[2 * i] = (byte) (g[i] >> 8);
            out[2 * i + 1] = (byte) g[i];
        }
        if (tail4 != null) {
            System.arraycopy(tail4, 0, out, 12, 4);
        }
        return out;
    }

    private static List<Integer> groups(String s) {
        List<Integer> out = new ArrayList<>();
        if (s.isEmpty()) {
            return out;
        }
        for (String p : s.split(":", -1)) {
            if (!p.matches("[0-9a-fA-F]{1,4}")) {
                return null;
            }
            out.add(Integer.parseInt(p, 16));
        }
        return out;
    }

    /** Go's net.IP String(): dotted quad for IPv4 (and IPv4-mapped), RFC 5952 for IPv6. */
    static String ipString(BigInteger v, int bytes) {
        byte[] raw = v.toByteArray();
        byte[] b = new byte[bytes];
        for (int i = 1; i <= Math.min(raw.length, bytes); i++) {
            b[bytes - i] = raw[raw.length - i];
        }
        if (bytes == 4 || isV4Mapped(b)) {
            int o = bytes == 4 ? 0 : 12;
            return (b[o] & 0xff) + "." + (b[o + 1] & 0xff) + "." + (b[o + 2] & 0xff) + "." + (b[o + 3] & 0xff);
        }
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (g[i] == 0) {
                int j = i;
                while (j < 8 && g[j] == 0) {
                    j++;
                }
                if (j - i > bestLen && j - i >= 2) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    private static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    }
}
