package io.capstan.provider.install;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * A set of provider version constraints in Terraform's syntax: comma-joined terms, each an
 * optional operator ({@code =}, {@code !=}, {@code >}, {@code >=}, {@code <}, {@code <=},
 * {@code ~>}) and a version of one to three parts. All terms must hold. Prerelease versions
 * are selected only by an exact ({@code =} or bare) term naming them, as in Terraform.
 *
 * <p>{@link #toString()} is Terraform's normalized form, the one written to
 * {@code .terraform.lock.hcl} and shown by {@code init}: terms de-duplicated, sorted by
 * their version then operator, missing parts written as zero except for {@code ~>}, which
 * keeps its two- or three-part precision.
 */
public record VersionConstraints(List<Term> terms) {
    public static final VersionConstraints NONE = new VersionConstraints(List.of());

    public VersionConstraints {
        terms = List.copyOf(terms);
    }

    /** The comparison operators, in the order Terraform sorts terms with equal versions. */
    public enum Op {
        GT("> "), GE(">= "), EQ(""), PESSIMISTIC_PATCH("~> "), PESSIMISTIC_MINOR("~> "), LE("<= "), LT("< "),
        NE("!= ");

        final String prefix;

        Op(String prefix) {
            this.prefix = prefix;
        }
    }

    /** One term: operator and boundary version. */
    public record Term(Op op, Version boundary) {
        public Term {
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(boundary, "boundary");
        }

        boolean allows(Version v) {
            int c = v.comparePrecedence(boundary);
            return switch (op) {
                case EQ -> c == 0;
                case NE -> c != 0;
                case GT -> c > 0;
                case GE -> c >= 0;
                case LT -> c < 0;
                case LE -> c <= 0;
                case PESSIMISTIC_PATCH -> c >= 0
                        && v.comparePrecedence(Version.of(boundary.major(), boundary.minor() + 1, 0)) < 0;
                case PESSIMISTIC_MINOR -> c >= 0 && v.major() == boundary.major();
            };
        }

        @Override
        public String toString() {
            if (op == Op.PESSIMISTIC_MINOR) {
                return op.prefix + boundary.major() + "." + boundary.minor();
            }
            return op.prefix + boundary;
        }
    }

    /** A parse outcome: the constraints, or an error detail in Terraform's words. */
    public record Parsed(VersionConstraints constraints, String error) {
        public boolean ok() {
            return error == null;
        }
    }

    /** Parses a constraint string such as {@code ">= 1.2, < 2.0.0"}. */
    public static Parsed parse(String text) {
        List<Term> out = new ArrayList<>();
        if (text.isBlank()) {
            return new Parsed(NONE, null);
        }
        for (String raw : text.split(",", -1)) {
            String s = raw.strip();
            if (s.isEmpty()) {
                return new Parsed(null, "The version constraint string \"" + text + "\" has an empty term.");
            }
            Op op;
            int n;
            if (s.startsWith("~>")) {
                op = Op.PESSIMISTIC_PATCH;
                n = 2;
            } else if (s.startsWith(">=")) {
                op = Op.GE;
                n = 2;
            } else if (s.startsWith("<=")) {
                op = Op.LE;
                n = 2;
            } else if (s.startsWith("!=")) {
                op = Op.NE;
                n = 2;
            } else if (s.startsWith(">")) {
                op = Op.GT;
                n = 1;
            } else if (s.startsWith("<")) {
                op = Op.LT;
                n = 1;
            } else if (s.startsWith("=")) {
                op = Op.EQ;
                n = 1;
            } else {
                op = Op.EQ;
                n = 0;
            }
            String v = s.substring(n).strip();
            if (v.startsWith("v")) {
                return new Parsed(null, "Incorrect version constraint syntax: a \"v\" prefix should not be used.");
            }
            Version.Parsed p = Version.parsePartial(v);
            if (p == null) {
                return new Parsed(null, "Invalid version constraint \"" + s + "\": expected an operator and a version "
                        + "such as \">= 1.2.0\".");
            }
            if (op == Op.PESSIMISTIC_PATCH && p.parts() < 3) {
                op = Op.PESSIMISTIC_MINOR;
            }
            out.add(new Term(op, p.version()));
        }
        return new Parsed(new VersionConstraints(out), null);
    }

    /** These terms together with {@code other}'s (a module's and its children's requirements). */
    public VersionConstraints and(VersionConstraints other) {
        List<Term> all = new ArrayList<>(terms);
        all.addAll(other.terms);
        return new VersionConstraints(all);
    }

    public boolean isEmpty() {
        return terms.isEmpty();
    }

    /** Whether {@code v} satisfies every term; a prerelease needs an exact term naming it. */
    public boolean allows(Version v) {
        Version bare = v.withoutMetadata();
        if (v.isPrerelease()) {
            boolean named = terms.stream().anyMatch(t -> t.op() == Op.EQ && t.boundary().comparePrecedence(bare) == 0);
            if (!named) {
                return false;
            }
        }
        return terms.stream().allMatch(t -> t.allows(bare));
    }

    /** The newest of {@code versions} allowed, or null. */
    public Version newestAllowed(Iterable<Version> versions) {
        Version best = null;
        for (Version v : versions) {
            if (allows(v) && (best == null || v.compareTo(best) > 0)) {
                best = v;
            }
        }
        return best;
    }

    @Override
    public String toString() {
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        terms.stream()
                .sorted(Comparator.<Term, Version>comparing(Term::boundary, Version::compareTo)
                        .thenComparing(Term::op))
                .forEach(t -> seen.add(t.toString()));
        return String.join(", ", seen);
    }
}
