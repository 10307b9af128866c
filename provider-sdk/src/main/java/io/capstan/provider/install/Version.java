package io.capstan.provider.install;

import java.util.Objects;

/**
 * A provider release version in Terraform's semantic-version form {@code MAJOR.MINOR.PATCH},
 * with an optional {@code -prerelease} and {@code +metadata}. Ordering follows semver
 * precedence: a prerelease sorts before its release, prerelease identifiers compare
 * numerically when both are numeric, and metadata is ignored except as a final tie-breaker
 * (so the order is total and consistent with {@link #equals}).
 */
public record Version(long major, long minor, long patch, String prerelease, String metadata)
        implements Comparable<Version> {

    public Version {
        Objects.requireNonNull(prerelease, "prerelease");
        Objects.requireNonNull(metadata, "metadata");
    }

    public static Version of(long major, long minor, long patch) {
        return new Version(major, minor, patch, "", "");
    }

    /** Parses a full version such as {@code 5.100.0} or {@code 2.1.0-beta1}; null when malformed. */
    public static Version parse(String s) {
        Parsed p = parsePartial(s);
        return p == null || p.parts() != 3 ? null : p.version();
    }

    /** A version with the number of numeric parts written ({@code 1}, {@code 1.2}, {@code 1.2.3}). */
    record Parsed(Version version, int parts) {
    }

    /** Parses one to three numeric parts, missing ones reading as zero; null when malformed. */
    static Parsed parsePartial(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        String meta = "";
        int plus = s.indexOf('+');
        if (plus >= 0) {
            meta = s.substring(plus + 1);
            s = s.substring(0, plus);
            if (meta.isEmpty()) {
                return null;
            }
        }
        String pre = "";
        int dash = s.indexOf('-');
        if (dash >= 0) {
            pre = s.substring(dash + 1);
            s = s.substring(0, dash);
            if (pre.isEmpty()) {
                return null;
            }
        }
        String[] nums = s.split("\\.", -1);
        if (nums.length > 3) {
            return null;
        }
        long[] v = new long[3];
        for (int i = 0; i < nums.length; i++) {
            if (nums[i].isEmpty() || nums[i].length() > 18 || !nums[i].chars().allMatch(Character::isDigit)) {
                return null;
            }
            v[i] = Long.parseLong(nums[i]);
        }
        if ((!pre.isEmpty() || !meta.isEmpty()) && nums.length != 3) {
            return null;
        }
        return new Parsed(new Version(v[0], v[1], v[2], pre, meta), nums.length);
    }

    public boolean isPrerelease() {
        return !prerelease.isEmpty();
    }

    /** The same version without metadata (what constraints compare). */
    Version withoutMetadata() {
        return metadata.isEmpty() ? this : new Version(major, minor, patch, prerelease, "");
    }

    /** Semver precedence, ignoring metadata. */
    public int comparePrecedence(Version o) {
        int c = Long.compare(major, o.major);
        if (c == 0) {
            c = Long.compare(minor, o.minor);
        }
        if (c == 0) {
            c = Long.compare(patch, o.patch);
        }
        if (c == 0) {
            c = comparePrerelease(prerelease, o.prerelease);
        }
        return c;
    }

    @Override
    public int compareTo(Version o) {
        int c = comparePrecedence(o);
        return c != 0 ? c : metadata.compareTo(o.metadata);
    }

    private static int comparePrerelease(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        if (a.isEmpty()) {
            return 1;
        }
        if (b.isEmpty()) {
            return -1;
        }
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            boolean xn = x[i].chars().allMatch(Character::isDigit);
            boolean yn = y[i].chars().allMatch(Character::isDigit);
            int c;
            if (xn && yn) {
                c = new java.math.BigInteger(x[i]).compareTo(new java.math.BigInteger(y[i]));
            } else if (xn) {
                c = -1;
            } else if (yn) {
                c = 1;
            } else {
                c = x[i].compareTo(y[i]);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch + (prerelease.isEmpty() ? "" : "-" + prerelease)
                + (metadata.isEmpty() ? "" : "+" + metadata);
    }
}
